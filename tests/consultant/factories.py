"""Helpers that put matches, transitions, contacts and follow-ups straight into the database."""

from datetime import date, datetime

from crm.database import utcnow
from crm.extensions import db
from crm.models import ContactLogEntry, FollowUp, InterestSignal, Match, MatchTransition


def add_match(need, volunteer, state="suggested", score=60.0, excluded=False, **fields) -> Match:
    match = Match(
        need_id=need.id,
        volunteer_id=volunteer.id,
        state=state,
        score=score,
        excluded=excluded,
        **fields,
    )
    db.session.add(match)
    db.session.commit()
    return match


def add_transition(match, from_state, to_state, at: datetime | None = None, user=None, note=""):
    transition = MatchTransition(
        match_id=match.id,
        from_state=from_state,
        to_state=to_state,
        at=at or utcnow(),
        user_id=user.id if user else None,
        note=note,
    )
    db.session.add(transition)
    db.session.commit()
    return transition


def add_signal(
    match, kind="asked", at: datetime | None = None, user=None, note=""
) -> InterestSignal:
    """The volunteer's own act on a match (asked to take part, or took it back)."""
    signal = InterestSignal(
        match_id=match.id,
        volunteer_id=match.volunteer_id,
        kind=kind,
        at=at or utcnow(),
        user_id=user.id if user else None,
        note=note,
    )
    db.session.add(signal)
    db.session.commit()
    return signal


def add_follow_up(owner, due: date, volunteer=None, note="", done=False) -> FollowUp:
    follow_up = FollowUp(
        owner_id=owner.id,
        due_date=due,
        volunteer_id=volunteer.id if volunteer else None,
        note=note,
        done_at=utcnow() if done else None,
    )
    db.session.add(follow_up)
    db.session.commit()
    return follow_up


def add_contact(volunteer, author, summary="Ringede", at: datetime | None = None, **fields):
    entry = ContactLogEntry(
        volunteer_id=volunteer.id,
        author_id=author.id,
        channel=fields.pop("channel", "phone"),
        summary=summary,
        at=at or utcnow(),
        **fields,
    )
    db.session.add(entry)
    db.session.commit()
    return entry
