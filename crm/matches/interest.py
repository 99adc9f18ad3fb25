"""What a volunteer sees of matching: the open needs that fit them, and saying "I am interested"."""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import selectinload

from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db
from crm.matches import adapter, services
from crm.matches.models import InterestSignal, Match, MatchState, SignalKind
from crm.matches.pipeline import (
    ASK_STATES,
    AWAITING_ANSWER_STATES,
    CONSIDERED_STATES,
    OPEN_STATES,
)
from crm.matches.refresh import match_values
from crm.matching import Result, rank_needs_for, score
from crm.projects.models import Need
from crm.projects.services import need_open_condition
from crm.volunteers.models import Volunteer
from crm.volunteers.services import has_current_consent

# "Asked to take part" and "awaiting an answer": each rule once, as a SQL condition and its Python
# twin side by side (the twins are handed to templates). The volunteer's own signal is
# Match.interested_at; the consultant's pipeline state "interested" is a different thing.


def asked_condition() -> ColumnElement[bool]:
    """SQL: the volunteer asked to take part, on their own page, and the match is still open."""
    return and_(Match.interested_at.is_not(None), Match.state.in_([str(s) for s in OPEN_STATES]))


def has_asked(match: Match) -> bool:
    """The volunteer asked to take part and the match is still open (twin of asked_condition)."""
    return match.interested_at is not None and match.state in OPEN_STATES


def may_ask(match: Match | None) -> bool:
    """Whether the volunteer may still ask to take part (no match yet, or one in ASK_STATES)."""
    return match is None or (match.interested_at is None and match.state in ASK_STATES)


def awaiting_answer_condition() -> ColumnElement[bool]:
    """SQL: the volunteer asked to take part and nobody has contacted them about it yet."""
    return and_(
        Match.interested_at.is_not(None),
        Match.state.in_([str(s) for s in AWAITING_ANSWER_STATES]),
    )


def awaiting_answer(match: Match) -> bool:
    """The volunteer asked and has had no answer yet (twin of awaiting_answer_condition)."""
    return match.interested_at is not None and match.state in AWAITING_ANSWER_STATES


@dataclass
class Suggestion:
    """One open need that fits the volunteer, with the engine's result and their own match."""

    need: Need
    result: Result
    match: Match | None
    came_for: bool = False
    """The need the volunteer came to the site for (shown first, whether or not it fits)."""

    @property
    def factors(self) -> list[dict]:
        """The explanation in the one shape that is stored and that explain.explain reads."""
        return [f.to_dict(with_text=False) for f in self.result.factors]


def visible_need(need_id: int) -> Need | None:
    """An open need in an active project (what volunteers may see), with its project loaded."""
    return db.session.scalar(
        select(Need)
        .where(Need.id == need_id, need_open_condition(public=True))
        .options(selectinload(Need.project))
    )


def own_matches(volunteer: Volunteer) -> dict[int, Match]:
    """need id → the volunteer's own match (state and interest only are ever shown)."""
    rows = db.session.scalars(select(Match).where(Match.volunteer_id == volunteer.id))
    return {m.need_id: m for m in rows}


def suggestions(
    volunteer: Volunteer, limit: int | None, came_for: Need | None = None
) -> tuple[list[Suggestion], int]:
    """The open, public needs the volunteer is not excluded from, best first; and how many fit.

    Scored on the fly with score() (a few hundred needs for one volunteer), so the page always
    reflects the profile just saved. Needs scoring 0 are left out. The need the volunteer came
    for from the public page (`came_for`, an open public need) comes first, fitting or not.
    """
    specs = adapter.open_need_specs(public=True)
    ranked = [(nid, r) for nid, r in rank_needs_for(adapter.candidate_for(volunteer), specs)]
    ranked = [(nid, r) for nid, r in ranked if r.score > 0]
    if came_for is not None:
        first = adapter.key(came_for.id)
        ranked = [(nid, r) for nid, r in ranked if nid != first]
        result = score(adapter.candidate_for(volunteer), adapter.need_spec_for(came_for))
        ranked.insert(0, (first, result))
    shown = ranked if limit is None else ranked[:limit]
    ids = [adapter.model_id(nid) for nid, _r in shown]
    needs = {
        n.id: n
        for n in db.session.scalars(
            select(Need).where(Need.id.in_(ids)).options(selectinload(Need.project))
        )
    }
    matches = own_matches(volunteer)
    first_id = came_for.id if came_for is not None else None
    return [
        Suggestion(needs[i], r, matches.get(i), came_for=i == first_id)
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


class CannotTakeBack(Exception):
    """The volunteer has no open request for this need to take back."""


def own_match(volunteer: Volunteer, need: Need) -> Match | None:
    """The volunteer's match on `need`, if they have one."""
    return db.session.scalar(
        select(Match).where(Match.need_id == need.id, Match.volunteer_id == volunteer.id)
    )


def ask(volunteer: Volunteer, need: Need, user: User) -> Match:
    """The volunteer asks to take part in `need` ("Meld mig"), creating their match if needed.

    Recorded as the volunteer's own signal (InterestSignal, by `user`), never as a consultant's
    act. The pipeline moves only where the graph has the step and it means exactly this: a
    contacted volunteer who says yes becomes "interested", recorded as moved by the volunteer.
    Asking again while a request stands, or once the match is past ASK_STATES, changes nothing.
    Refused (ValueError) unless the volunteer accepted the consent text now in force.
    """
    if not has_current_consent(volunteer):
        raise ValueError("no current consent")
    match = own_match(volunteer, need)
    if match is None:
        result = score(adapter.candidate_for(volunteer), adapter.need_spec_for(need))
        match = Match(need_id=need.id, volunteer_id=volunteer.id, **match_values(result))
        match.state = MatchState.SUGGESTED
        db.session.add(match)
        db.session.flush()
    if not may_ask(match):
        return match
    match.interested_at = utcnow()
    db.session.add(
        InterestSignal(
            match_id=match.id, volunteer_id=volunteer.id, kind=SignalKind.ASKED, user_id=user.id
        )
    )
    db.session.flush()
    if match.state == MatchState.CONTACTED:
        services.transition(
            match,
            MatchState.INTERESTED,
            user,
            note=_("The volunteer said yes on their own page."),
        )
    return match


def take_back(volunteer: Volunteer, need: Need, user: User, note: str = "") -> Match:
    """The volunteer takes back their request to take part; the consultant is shown when.

    The pipeline state is left to the consultant (who sees "took the request back" on the
    candidate). Raises CannotTakeBack when there is no open request.
    """
    match = own_match(volunteer, need)
    if match is None or not has_asked(match):
        raise CannotTakeBack
    took_back(match, user, note)
    db.session.flush()
    return match


def took_back(match: Match, user: User | None, note: str) -> None:
    """Record that the request to take part on `match` was taken back (by `user`)."""
    now = utcnow()
    match.interested_at = None
    match.interest_taken_back_at = now
    db.session.add(
        InterestSignal(
            match_id=match.id,
            volunteer_id=match.volunteer_id,
            kind=SignalKind.TOOK_BACK,
            user_id=user.id if user is not None else None,
            at=now,
            note=note,
        )
    )
