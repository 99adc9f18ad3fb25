"""The consultant's actions that touch several areas: logging a contact (with a volunteer or a
branch), e-mailing a need's list."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, select

from crm.auth.models import User
from crm.branches.models import Branch
from crm.consultant.dashboard import since_last_visit
from crm.contacts import services as contacts
from crm.contacts.labels import channel_label
from crm.contacts.models import ContactLogEntry
from crm.database import utcnow
from crm.extensions import db
from crm.matches import services as pipeline
from crm.matches.models import Match, MatchState
from crm.matches.pipeline import OPEN_STATES, REASON_REQUIRED
from crm.notifications import status
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer
from crm.volunteers.services import consent_withdrawn_condition, not_erased_condition


def record_contact(
    subject: Volunteer | Branch,
    author: User,
    channel: str,
    direction: str,
    at: datetime,
    summary: str,
    outcome: str = "",
    match_id: int | None = None,
    follow_up_date: date | None = None,
    follow_up_note: str = "",
    move_to: str | None = None,
    expected_version: int | None = None,
    reason_code: str | None = None,
) -> ContactLogEntry:
    """Log a contact with a volunteer or a branch (its contact person) and, when a date is
    given, a follow-up owned by the author.

    With move_to the match moves to that state through the pipeline, checked against the
    version the consultant saw; "declined" and "not suitable" take `reason_code` (an
    ExitReason) and the outcome as their reason in words.
    A refusal (a TransitionError, or StaleEdit when someone else changed the match) is raised
    before anything is logged, and the caller rolls back, so either both the entry and the move
    are saved or neither is.
    """
    if match_id is not None and match_id not in match_ids_of(subject):
        raise ValueError("the match belongs to another volunteer or branch")
    volunteer_id = subject.id if isinstance(subject, Volunteer) else None
    if move_to and match_id is not None:
        step = pipeline.transition(
            db.session.get(Match, match_id),
            move_to,
            author,
            note=_("Logged in the contact log (%(channel)s).", channel=channel_label(channel)),
            reason=outcome if move_to in REASON_REQUIRED else "",
            reason_code=reason_code,
            expected_version=expected_version,
        )
        status.moved([step])
    entry = contacts.log_contact(
        volunteer_id=volunteer_id,
        branch_id=subject.id if volunteer_id is None else None,
        author_id=author.id,
        channel=channel,
        direction=direction,
        at=at,
        summary=summary,
        outcome=outcome,
        match_id=match_id,
    )
    if follow_up_date is not None:
        contacts.add_follow_up(
            owner_id=author.id,
            due_date=follow_up_date,
            note=follow_up_note,
            volunteer_id=volunteer_id,
            contact_id=entry.id,
        )
    return entry


def matches_of_condition(owner: Volunteer | Branch) -> ColumnElement[bool]:
    """SQL: a match of this volunteer, or of this branch (its offers)."""
    if isinstance(owner, Volunteer):
        return Match.volunteer_id == owner.id
    return Match.branch_id == owner.id


def match_ids_of(owner: Volunteer | Branch) -> set[int]:
    """The ids of the volunteer's (or the branch's) matches."""
    return set(db.session.scalars(select(Match.id).where(matches_of_condition(owner))))


@dataclass(frozen=True)
class MatchOption:
    """One of a volunteer's (or a branch's) matches as the contact and e-mail forms offer it."""

    id: int
    need_id: int
    label: str
    state: str
    version: int


def match_options(owner: Volunteer | Branch) -> list[MatchOption]:
    """The volunteer's (or branch's) matches ("need – project"), those taken forward first,
    then by need."""
    rows = db.session.execute(
        select(Match.id, Match.need_id, Need.title, Project.title, Match.state, Match.version)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(matches_of_condition(owner))
        .order_by(Match.state == MatchState.SUGGESTED, Need.title, Match.id)
    ).all()
    return [
        MatchOption(mid, need_id, f"{need} – {project}", state, version)
        for mid, need_id, need, project, state, version in rows
    ]


def preselected_match(
    matches: list[MatchOption], match_id: int | None = None, need_id: int | None = None
) -> int | None:
    """The match a new contact is most likely about, or None when that is not clear.

    The match asked for (?match=), else the volunteer's match on the need the consultant came
    from (?need=), else their only open match; when they also have suggestions, the only one
    taken forward (shortlisted, contacted or interested) counts.
    """
    for option in matches:
        if option.id == match_id:
            return option.id
    for option in matches:
        if option.need_id == need_id:
            return option.id
    open_matches = [m for m in matches if m.state in OPEN_STATES]
    taken_forward = [m for m in open_matches if m.state != MatchState.SUGGESTED]
    for candidates in (open_matches, taken_forward):
        if len(candidates) == 1:
            return candidates[0].id
    return None


def need_context(match_id: int | None) -> dict[str, str]:
    """need_title and project_title for the placeholders of an e-mail about a match."""
    if match_id is None:
        return {}
    row = db.session.execute(
        select(Need.title, Project.title)
        .join(Match, Match.need_id == Need.id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.id == match_id)
    ).one_or_none()
    return {"need_title": row[0], "project_title": row[1]} if row else {}


def shortlisted_for(need_id: int) -> list[tuple[Volunteer, Match]]:
    """The volunteers shortlisted for a need, with their matches, by name; never one who
    withdrew consent (they are offered nowhere, e-mailed about no need)."""
    rows = db.session.execute(
        select(Volunteer, Match)
        .join(Match, Match.volunteer_id == Volunteer.id)
        .where(
            Match.need_id == need_id,
            Match.state == MatchState.SHORTLISTED,
            ~consent_withdrawn_condition(),
            not_erased_condition(),
        )
        .order_by(Volunteer.last_name, Volunteer.first_name, Volunteer.id)
    ).all()
    return [(volunteer, match) for volunteer, match in rows]


def mark_emailed_as_contacted(need: Need, seen: list[tuple[int, int]], user: User) -> int:
    """Move the e-mailed volunteers' matches (id, version seen) to contacted; returns how many.

    All or none, checked against the versions seen: raises the pipeline's BulkError, or
    StaleEdit when someone else changed one of them meanwhile.
    """
    note = _("E-mailed from the tool.")
    return len(pipeline.bulk_transition(need, seen, MatchState.CONTACTED, user, note=note))


def mark_new_volunteers_seen(user: User, until: datetime | None) -> datetime:
    """Move the user's "new volunteers since" marker to `until` (the moment the dashboard they
    read was drawn), so that volunteers registered after it stay new. Clamped between where the
    list started (the previous marker, or a week ago on a first visit) and now; a missing
    moment counts as now. Returns the new marker."""
    now = utcnow()
    earliest = min(since_last_visit(user, now), now)
    marker = now if until is None else min(max(until, earliest), now)
    user.last_dashboard_at = marker
    return marker
