"""What a volunteer sees of matching: the open needs that fit them, and saying "I am interested"."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import selectinload

from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db
from crm.matches import adapter, services
from crm.matches.models import Match, MatchState
from crm.matches.pipeline import OPEN_STATES
from crm.matches.refresh import match_values
from crm.matching import Result, rank_needs_for, score
from crm.projects.models import Need
from crm.volunteers.models import Volunteer
from crm.volunteers.services import has_current_consent

CONSIDERED_STATES: tuple[MatchState, ...] = (
    MatchState.SHORTLISTED,
    MatchState.CONTACTED,
    MatchState.INTERESTED,
    MatchState.PLACED,
)
"""The states a volunteer is told they are "being considered" in (the exits are not listed)."""


def said_interested_condition() -> ColumnElement[bool]:
    """SQL: the volunteer said "I am interested" and the match is still open.

    Either they clicked it on their own page (interested_at, whatever the state) or the match is
    in the pipeline state "interested"; matches placed, completed or in an exit state are done.
    The dashboard, the volunteer search and the need's page all use this one definition.
    """
    return and_(
        Match.state.in_([str(s) for s in OPEN_STATES]),
        or_(Match.interested_at.is_not(None), Match.state == MatchState.INTERESTED),
    )


@dataclass
class Suggestion:
    """One open need that fits the volunteer, with the engine's result and their own match."""

    need: Need
    result: Result
    match: Match | None

    @property
    def factors(self) -> list[dict]:
        """The explanation in the one shape that is stored and that explain.explain reads."""
        return [f.to_dict(with_text=False) for f in self.result.factors]


def visible_need(need_id: int) -> Need | None:
    """An open need in an active project (what volunteers may see), with its project loaded."""
    return db.session.scalar(
        select(Need)
        .where(Need.id == need_id, adapter.open_need_condition(public=True))
        .options(selectinload(Need.project))
    )


def own_matches(volunteer: Volunteer) -> dict[int, Match]:
    """need id → the volunteer's own match (state and interest only are ever shown)."""
    rows = db.session.scalars(select(Match).where(Match.volunteer_id == volunteer.id))
    return {m.need_id: m for m in rows}


def suggestions(volunteer: Volunteer, limit: int | None) -> tuple[list[Suggestion], int]:
    """The open, public needs the volunteer is not excluded from, best first; and how many fit.

    Scored on the fly with score() (a few hundred needs for one volunteer), so the page always
    reflects the profile just saved. Needs scoring 0 are left out.
    """
    specs = adapter.open_need_specs(public=True)
    ranked = [(nid, r) for nid, r in rank_needs_for(adapter.candidate_for(volunteer), specs)]
    ranked = [(nid, r) for nid, r in ranked if r.score > 0]
    shown = ranked if limit is None else ranked[:limit]
    ids = [adapter.model_id(nid) for nid, _r in shown]
    needs = {
        n.id: n
        for n in db.session.scalars(
            select(Need).where(Need.id.in_(ids)).options(selectinload(Need.project))
        )
    }
    matches = own_matches(volunteer)
    return [
        Suggestion(needs[i], r, matches.get(i))
        for i, (_nid, r) in zip(ids, shown, strict=True)
        if i in needs
    ], len(ranked)


def considered(volunteer: Volunteer) -> list[tuple[Match, Need]]:
    """The volunteer's matches a consultant is working on, newest change first."""
    rows = db.session.execute(
        select(Match, Need)
        .join(Need, Need.id == Match.need_id)
        .where(Match.volunteer_id == volunteer.id, Match.state.in_(CONSIDERED_STATES))
        .options(selectinload(Need.project))
        .order_by(Match.updated_at.desc(), Match.id.desc())
    ).all()
    return [(m, n) for m, n in rows]


def express_interest(volunteer: Volunteer, need: Need, user: User) -> Match:
    """Record that the volunteer is interested in `need`, creating their match if needed.

    Sets Match.interested_at (kept by every re-scoring). The pipeline state moves only where the
    graph has the step and it means exactly this: a contacted volunteer who says yes becomes
    "interested", through the pipeline service. Other states are left to the consultant.
    Refused (ValueError) unless the volunteer accepted the consent text now in force.
    """
    if not has_current_consent(volunteer):
        raise ValueError("no current consent")
    match = db.session.scalar(
        select(Match).where(Match.need_id == need.id, Match.volunteer_id == volunteer.id)
    )
    if match is None:
        result = score(adapter.candidate_for(volunteer), adapter.need_spec_for(need))
        match = Match(need_id=need.id, volunteer_id=volunteer.id, **match_values(result))
        match.state = MatchState.SUGGESTED
        db.session.add(match)
    if match.interested_at is None:
        match.interested_at = utcnow()
    db.session.flush()
    if match.state == MatchState.CONTACTED:
        services.transition(
            match,
            MatchState.INTERESTED,
            user,
            note=_("The volunteer said they are interested, on their own page."),
        )
    return match
