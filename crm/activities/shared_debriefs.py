"""What earlier volunteers on a need pass on to the next one: their shared debriefs, unnamed.

A volunteer whose match on a need is in a considered state (CONSIDERED_STATES: picked out by the
consultant, up to placed) sees the debriefs of earlier volunteers on the same need who consented
to it (share_with_next) and have not withdrawn their consent or been erased, without the
author's name or contact details. Nobody else sees them: not other volunteers, never a branch.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select

from crm.activities.models import Debrief
from crm.auth.models import User
from crm.extensions import db
from crm.matches.models import Match
from crm.matches.pipeline import CONSIDERED_STATES
from crm.projects.models import Need
from crm.volunteers.models import Volunteer
from crm.volunteers.services import (
    consent_withdrawn_condition,
    has_withdrawn_consent,
    is_erased,
    not_erased_condition,
)

# "May be shown to the next volunteer": the ONE definition, as a SQL condition (on Debrief joined
# to its author's Volunteer row) and a Python predicate side by side.


def shown_to_next_condition() -> ColumnElement[bool]:
    """SQL: the debrief may be shown to the next volunteer on its need (twin below)."""
    return and_(
        Debrief.share_with_next.is_(True),
        ~consent_withdrawn_condition(),
        not_erased_condition(),
        or_(Debrief.what_worked != "", Debrief.what_did_not != "", Debrief.advice != ""),
    )


def is_shown_to_next(debrief: Debrief, author: Volunteer) -> bool:
    """True when the debrief may be shown to the next volunteer (twin of the SQL above)."""
    return (
        debrief.share_with_next
        and not has_withdrawn_consent(author)
        and not is_erased(author)
        and any((debrief.what_worked, debrief.what_did_not, debrief.advice))
    )


@dataclass(frozen=True)
class SharedDebrief:
    """An earlier volunteer's debrief as the next volunteer reads it: no name, no contact."""

    what_worked: str
    what_did_not: str
    advice: str
    would_go_again: str


@dataclass(frozen=True)
class NeedLessons:
    """A need the reader is being considered for, with what earlier volunteers shared on it."""

    need: Need
    debriefs: list[SharedDebrief]


def for_next_volunteer(user: User) -> list[NeedLessons]:
    """For each need the volunteer behind `user` is considered for, the shared debriefs of
    earlier volunteers on it (their own left out), newest first; needs without any are left out."""
    reader = select(Volunteer.id).where(Volunteer.user_id == user.id).scalar_subquery()
    considered = (
        select(Match.need_id)
        .where(Match.volunteer_id == reader, Match.state.in_([str(s) for s in CONSIDERED_STATES]))
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Debrief, Need)
        .join(Volunteer, Volunteer.id == Debrief.volunteer_id)
        .join(Need, Need.id == Debrief.need_id)
        .where(
            Debrief.need_id.in_(considered),
            Debrief.volunteer_id != reader,
            shown_to_next_condition(),
        )
        .order_by(Need.title, Need.id, Debrief.updated_at.desc(), Debrief.id.desc())
    ).all()
    lessons: dict[int, NeedLessons] = {}
    for debrief, need in rows:
        shown = lessons.setdefault(need.id, NeedLessons(need, []))
        shown.debriefs.append(
            SharedDebrief(
                debrief.what_worked, debrief.what_did_not, debrief.advice, debrief.would_go_again
            )
        )
    return list(lessons.values())
