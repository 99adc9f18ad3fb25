"""GET /api/v1/matches and /api/v1/matches/<id>: stored matches with state, score,
explanation and version; matches of erased people left out; every read audited."""

from sqlalchemy import select

from crm.api.audit_reads import audited_list, audited_one
from crm.api.blueprint import bp
from crm.api.docs import operation
from crm.api.lookups import (
    choice_filter,
    get_or_404,
    id_filter,
    not_about_erased,
    not_about_erased_condition,
)
from crm.api.pagination import keyset_page, read_list_params
from crm.api.params import LIST_PARAMETERS, choice_parameter, id_parameter
from crm.api.schemas import (
    array,
    boolean,
    component,
    integer,
    iso,
    list_of,
    number,
    obj,
    one,
    string,
)
from crm.matches.models import Match, MatchState

MATCH = component(
    "Match",
    obj(
        {
            "id": integer(),
            "need_id": integer(),
            "volunteer_id": integer(nullable=True),
            "branch_id": integer(nullable=True),
            "state": string(enum=MatchState),
            "score": number(),
            "excluded": boolean(),
            "override": boolean(),
            "explanation": array({"type": "object"}),
            "exclusion_reasons": array({"type": "object"}),
            "interested_at": string("date-time", nullable=True),
            "created_at": string("date-time"),
            "updated_at": string("date-time"),
            "version": integer(),
        }
    ),
)


def serialise_match(match: Match) -> dict:
    """A match as the API shows it (schema MATCH): the engine's explanation as stored."""
    return {
        "id": match.id,
        "need_id": match.need_id,
        "volunteer_id": match.volunteer_id,
        "branch_id": match.branch_id,
        "state": match.state,
        "score": match.score,
        "excluded": match.excluded,
        "override": match.override,
        "explanation": list(match.explanation or []),
        "exclusion_reasons": list(match.reasons or []),
        "interested_at": iso(match.interested_at),
        "created_at": iso(match.created_at),
        "updated_at": iso(match.updated_at),
        "version": match.version,
    }


@bp.get("/matches")
@operation(
    summary="List matches (audited)",
    response=list_of("Match"),
    paginated=True,
    personal=True,
    parameters=(
        *LIST_PARAMETERS,
        id_parameter("need_id", "Only this need's matches."),
        id_parameter("volunteer_id", "Only this volunteer's matches."),
        choice_parameter("state", MatchState, "Only matches in this pipeline state."),
    ),
)
def matches():
    """Every match, by (updated_at, id), a page at a time."""
    params = read_list_params()
    stmt = select(Match).where(not_about_erased_condition(Match.volunteer_id))
    for name, column in (("need_id", Match.need_id), ("volunteer_id", Match.volunteer_id)):
        value = id_filter(name)
        if value is not None:
            stmt = stmt.where(column == value)
    state = choice_filter("state", MatchState)
    if state:
        stmt = stmt.where(Match.state == state)
    page = keyset_page(stmt, Match, params)
    items = [serialise_match(m) for m in page.rows]
    return audited_list(page, items)


@bp.get("/matches/<int:match_id>")
@operation(summary="One match (audited)", response=one("Match"), personal=True)
def match(match_id: int):
    """One match."""
    found = get_or_404(Match, match_id, not_about_erased)
    item = serialise_match(found)
    return audited_one(item, found.volunteer_id)
