"""Read-only queries behind a need's candidate page: counts per state, one page, history."""

from dataclasses import dataclass

from sqlalchemy import case, false, func, select, true
from sqlalchemy.orm import selectinload

from crm.auth.models import User
from crm.branches.models import Branch
from crm.extensions import db
from crm.matches import offers
from crm.matches.consent import pipeline_after_withdrawal_condition
from crm.matches.interest import asked_condition, awaiting_answer_condition
from crm.matches.models import Match, MatchState, MatchTransition, NeedMatchSummary
from crm.pagination import Page, offset, page_count
from crm.projects.models import Need
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition

EXCLUDED_TAB = "excluded"


def load_need(need_id: int) -> Need | None:
    """A need with its project and requirements loaded for the summary."""
    return db.session.scalar(
        select(Need)
        .where(Need.id == need_id)
        .options(
            selectinload(Need.project),
            selectinload(Need.skills),
            selectinload(Need.languages),
            selectinload(Need.countries),
        )
    )


class TabCounts(dict[str, int]):
    """How many matches the need has stored per tab (a state or "excluded"); per tab how many of
    them asked to take part and await an answer (`awaiting`); and for "suggested" and "excluded"
    how many volunteers there are in all at the last ranking (`ranked_totals`), of which only the
    best MATCH_STORE_TOP are stored."""

    def __init__(
        self,
        counts: dict[str, int],
        awaiting: dict[str, int],
        ranked_totals: dict[str, int] | None = None,
    ) -> None:
        super().__init__(counts)
        self.awaiting = awaiting
        self.ranked_totals = ranked_totals or {}

    def ranked_total(self, tab: str) -> int:
        """All the volunteers of this tab at the last ranking (never fewer than are stored)."""
        return max(self.get(tab, 0), self.ranked_totals.get(tab, 0))


def tab_of(state: str, excluded: bool) -> str:
    """The tab a match is listed in: its state, or "excluded" for an excluded suggestion."""
    return EXCLUDED_TAB if excluded and state == MatchState.SUGGESTED else state


def awaiting_counts(need_id: int) -> dict[str, int]:
    """Per tab: how many of the need's volunteers asked to take part and await an answer."""
    rows = db.session.execute(
        select(Match.state, Match.excluded, func.count())
        .where(Match.need_id == need_id, awaiting_answer_condition())
        .group_by(Match.state, Match.excluded)
    )
    counts: dict[str, int] = {}
    for state, excluded, count in rows:
        tab = tab_of(state, excluded)
        counts[tab] = counts.get(tab, 0) + count
    return counts


def state_counts(need_id: int) -> TabCounts:
    """How many matches the need has per state, plus "excluded" (suggested but excluded).

    "suggested" counts only the candidates that are not excluded, so the tabs add up.
    """
    counts = {str(s): 0 for s in MatchState} | {EXCLUDED_TAB: 0}
    elsewhere = 0  # excluded volunteers moved beyond "suggested" (an override, or an exit)
    # One grouped count of the volunteers' matches (a branch's offer is listed apart).
    rows = db.session.execute(
        select(Match.state, Match.excluded, func.count())
        .where(Match.need_id == need_id, Match.volunteer_id.is_not(None))
        .group_by(Match.state, Match.excluded)
    )
    for state, excluded, count in rows:
        counts[state] = counts.get(state, 0) + count
        if excluded:
            if state == MatchState.SUGGESTED:
                counts[EXCLUDED_TAB] += count
            else:
                elsewhere += count
    counts[MatchState.SUGGESTED] -= counts[EXCLUDED_TAB]
    return TabCounts(counts, awaiting_counts(need_id), ranked_totals(need_id, counts, elsewhere))


def ranked_totals(need_id: int, counts: dict[str, int], excluded_elsewhere: int) -> dict[str, int]:
    """From the need's NeedMatchSummary: how many volunteers are suggested and how many excluded
    in all (the stored rows are only the best of each), less those already moved on in the
    pipeline. Empty when the need has not been ranked."""
    summary = db.session.get(NeedMatchSummary, need_id)
    if summary is None:
        return {}
    moved = sum(counts[str(s)] for s in MatchState if s != MatchState.SUGGESTED)
    return {
        str(MatchState.SUGGESTED): summary.candidates - (moved - excluded_elsewhere),
        EXCLUDED_TAB: summary.excluded - excluded_elsewhere,
    }


def candidates(
    need_id: int, tab: str, page: int, per_page: int, total: int
) -> Page[tuple[Match, Volunteer]]:
    """One page of the need's matches in `tab` (a state or "excluded"), best score first.

    Volunteers who asked to take part come first, so the consultant sees them at once.
    """
    query = (
        select(Match, Volunteer)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .where(Match.need_id == need_id, not_erased_condition())
    )
    if tab == EXCLUDED_TAB:
        query = query.where(Match.excluded == true(), Match.state == MatchState.SUGGESTED)
    elif tab == MatchState.SUGGESTED:
        query = query.where(Match.excluded == false(), Match.state == MatchState.SUGGESTED)
    else:
        query = query.where(Match.state == tab)
    page = max(1, min(page, page_count(total, per_page)))
    rows = db.session.execute(
        query.order_by(
            case((asked_condition(), 0), else_=1),
            Match.score.desc(),
            Match.volunteer_id,
        )
        .limit(per_page)
        .offset(offset(page, per_page))
    ).all()
    return Page([(m, v) for m, v in rows], page, per_page, total)


def _erased_ids():
    return select(Volunteer.id).where(~not_erased_condition())


@dataclass
class Flagged:
    """A few of the need's matches that want the consultant's attention, and how many in all."""

    rows: list[tuple[Match, Volunteer]]
    total: int


def _flagged(need_id: int, condition, order, limit: int) -> Flagged:
    where = (Match.need_id == need_id, condition, ~Match.volunteer_id.in_(_erased_ids()))
    total = db.session.scalar(select(func.count(Match.id)).where(*where))
    rows = db.session.execute(
        select(Match, Volunteer)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .where(*where)
        .order_by(order, Match.id)
        .limit(limit)
    ).all()
    return Flagged([(m, v) for m, v in rows], total)


def awaiting_answer(need_id: int, limit: int = 10) -> Flagged:
    """Who asked to take part in the need and has had no answer yet, longest waiting first."""
    return _flagged(need_id, awaiting_answer_condition(), Match.interested_at, limit)


def consent_withdrawn(need_id: int, limit: int = 10) -> Flagged:
    """The need's open matches whose volunteer withdrew consent (to be closed by the consultant)."""
    condition = pipeline_after_withdrawal_condition()
    return _flagged(need_id, condition, Volunteer.consent_withdrawn_at, limit)


def history(match_id: int) -> list[tuple[MatchTransition, str | None]]:
    """A match's transitions, oldest first, each with the name or e-mail of who made it."""
    rows = db.session.execute(
        select(MatchTransition, func.coalesce(func.nullif(User.name, ""), User.email))
        .outerjoin(User, User.id == MatchTransition.user_id)
        .where(MatchTransition.match_id == match_id)
        .order_by(MatchTransition.at, MatchTransition.id)
    ).all()
    return [(step, who) for step, who in rows]


def names_by_match(need_id: int, match_ids: list[int]) -> dict[int, str]:
    """Match id → the volunteer's full name (the branch's name for a branch's offer), for those
    of the given matches that are the need's."""
    if not match_ids:
        return {}
    rows = db.session.execute(
        select(Match.id, Volunteer.first_name, Volunteer.last_name, Branch.name)
        .outerjoin(Volunteer, Volunteer.id == Match.volunteer_id)
        .outerjoin(Branch, Branch.id == Match.branch_id)
        .where(Match.id.in_(match_ids), Match.need_id == need_id)
    )
    return {
        match_id: branch or f"{first or ''} {last or ''}".strip()
        for match_id, first, last, branch in rows
    }


@dataclass
class OfferCard:
    """A branch's offer as the need page shows it: the match, the branch, who offered it and
    the members it named."""

    match: Match
    branch: Branch
    offered_by: str
    members: list[Volunteer]
    new: bool
    """Nobody on the staff has acted on it since it was made (offers.new_offer_condition)."""


def offer_cards(need_id: int) -> list[OfferCard]:
    """The need's offers from branches, newest first, each with its named members."""
    found = offers.offers_for_need(need_id)
    users = {m.offered_by for m, _branch in found if m.offered_by is not None}
    names = dict(
        db.session.execute(
            select(User.id, func.coalesce(func.nullif(User.name, ""), User.email)).where(
                User.id.in_(users)
            )
        ).all()
    )
    new = set(
        db.session.scalars(
            select(Match.id).where(Match.need_id == need_id, offers.new_offer_condition())
        )
    )
    return [
        OfferCard(m, branch, names.get(m.offered_by, ""), offers.named_members(m.id), m.id in new)
        for m, branch in found
    ]
