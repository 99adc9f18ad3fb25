"""Debriefs of completed placements: who is asked for one, loading, writing and editing it.

A debrief belongs to one completed placement (a match in state completed). The volunteer is
asked for it on their own page as soon as the match is completed, whichever path completed it:
the ask is derived from the state, so no transition has to remember it. The volunteer writes it,
or a consultant writes or completes it for them; both edit it with optimistic locking. Only the
volunteer may give the consent that it be shown to the next volunteer on the same need
(share_with_next): a consultant's save keeps the volunteer's choice as it is.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from crm.activities.models import Debrief, WouldGoAgain
from crm.activities.reports import may_report
from crm.activities.shared_debriefs import is_shown_to_next
from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db
from crm.locking import StaleEdit, check_version, refuse_stale
from crm.matches.models import Match, MatchState
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer


@dataclass(frozen=True)
class DebriefData:
    """A debrief as submitted; `share_with_next` is None when the writer may not change it."""

    what_worked: str
    what_did_not: str
    advice: str
    would_go_again: str
    share_with_next: bool | None = None


@dataclass(frozen=True)
class Placement:
    """A completed placement with its need, project and debrief (None: not written yet)."""

    match: Match
    need: Need
    project: Project
    debrief: Debrief | None


class DebriefRefused(Exception):
    """The debrief may not be written now (the volunteer withdrew consent or was erased)."""


@dataclass(frozen=True)
class MyDebriefs:
    """The volunteer's own page: their completed placements and what may be done with them."""

    placements: list[Placement]
    may_write: bool
    shown_to_next: frozenset[int]
    """Ids of the matches whose debrief the next volunteer on the need can read now."""

    @property
    def missing(self) -> list[Placement]:
        """The placements still waiting for a debrief."""
        return [p for p in self.placements if p.debrief is None]


def for_my_page(user: User) -> MyDebriefs | None:
    """What the volunteer behind `user` is asked and shown about their debriefs (None when the
    account has no volunteer profile or no completed placement)."""
    volunteer = db.session.scalar(select(Volunteer).where(Volunteer.user_id == user.id))
    if volunteer is None:
        return None
    placements = placements_of(volunteer.id)
    if not placements:
        return None
    shown = frozenset(
        p.match.id for p in placements if p.debrief and is_shown_to_next(p.debrief, volunteer)
    )
    return MyDebriefs(placements, may_report(volunteer), shown)


def _placements(*conditions) -> list[Placement]:
    rows = db.session.execute(
        select(Match, Need, Project, Debrief)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .outerjoin(Debrief, Debrief.match_id == Match.id)
        .where(Match.state == MatchState.COMPLETED, Match.volunteer_id.is_not(None), *conditions)
        .order_by(Match.updated_at.desc(), Match.id.desc())
    ).all()
    return [Placement(m, n, p, d) for m, n, p, d in rows]


def placements_of(volunteer_id: int) -> list[Placement]:
    """The volunteer's completed placements, newest first, each with its debrief if written."""
    return _placements(Match.volunteer_id == volunteer_id)


def own_placement(user: User, match_id: int) -> Placement | None:
    """The completed placement `match_id` if it is the logged-in volunteer's own, else None."""
    found = _placements(
        Match.id == match_id, Match.volunteer_id == Volunteer.id, Volunteer.user_id == user.id
    )
    return found[0] if found else None


def placement(match_id: int) -> Placement | None:
    """Any volunteer's completed placement `match_id` (for staff), unless the person was erased."""
    found = _placements(
        Match.id == match_id, Match.volunteer_id == Volunteer.id, Volunteer.erased_at.is_(None)
    )
    return found[0] if found else None


def save_debrief(
    found: Placement, data: DebriefData, author: User, seen_version: object
) -> Debrief:
    """Write the placement's debrief, or change it unless someone saved it since `seen_version`
    (StaleEdit; also when someone wrote the first version meanwhile). A consultant's save is
    audited as a change of the volunteer's record; the volunteer's own is not. The caller
    commits, or rolls back after StaleEdit."""
    match = found.match
    volunteer = db.session.get(Volunteer, match.volunteer_id)
    if volunteer is None or not may_report(volunteer):
        raise DebriefRefused
    debrief = found.debrief
    if debrief is None:
        if str(seen_version or "").strip():  # the form was opened on a debrief: it is gone
            raise StaleEdit
        debrief = Debrief(
            match_id=match.id,
            volunteer_id=volunteer.id,
            project_id=found.need.project_id,
            need_id=found.need.id,
            share_with_next=False,
        )
        db.session.add(debrief)
    else:
        check_version(debrief, seen_version)
    debrief.what_worked = data.what_worked.strip()
    debrief.what_did_not = data.what_did_not.strip()
    debrief.advice = data.advice.strip()
    debrief.would_go_again = WouldGoAgain(data.would_go_again)
    if data.share_with_next is not None:
        debrief.share_with_next = data.share_with_next
    debrief.written_by = author.id
    debrief.updated_at = utcnow()
    if author.is_staff:
        audit.record(
            Action.RECORD_CHANGED,
            volunteer_id=volunteer.id,
            actor=author,
            change="debrief",
            match_id=match.id,
        )
    try:
        with refuse_stale():
            db.session.flush()
    except IntegrityError as error:  # another first version was saved between read and insert
        raise StaleEdit from error
    return debrief


def open_for_staff(match_id: int) -> Placement | None:
    """A volunteer's completed placement for a staff member to write its debrief (as placement),
    the opening written to the audit log as a view of the volunteer's record."""
    found = placement(match_id)
    if found is not None:
        audit.record(
            Action.RECORD_VIEWED,
            volunteer_id=found.match.volunteer_id,
            view="debrief",
            match_id=found.match.id,
        )
    return found
