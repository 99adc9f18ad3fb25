"""The consultant's actions that touch several areas: logging a contact, e-mailing a need's list."""

from datetime import date, datetime

from sqlalchemy import select

from crm.auth.models import User
from crm.contacts import services as contacts
from crm.contacts.models import ContactLogEntry
from crm.database import utcnow
from crm.extensions import db
from crm.matches.models import Match, MatchState
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer


def record_contact(
    volunteer: Volunteer,
    author: User,
    channel: str,
    direction: str,
    at: datetime,
    summary: str,
    outcome: str = "",
    match_id: int | None = None,
    follow_up_date: date | None = None,
    follow_up_note: str = "",
) -> ContactLogEntry:
    """Log a contact and, when a date is given, a follow-up owned by the author."""
    if match_id is not None and match_id not in volunteer_match_ids(volunteer.id):
        raise ValueError("the match belongs to another volunteer")
    entry = contacts.log_contact(
        volunteer_id=volunteer.id,
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
            volunteer_id=volunteer.id,
            contact_id=entry.id,
        )
    return entry


def volunteer_match_ids(volunteer_id: int) -> set[int]:
    """The ids of the volunteer's matches."""
    return set(db.session.scalars(select(Match.id).where(Match.volunteer_id == volunteer_id)))


def match_choices(volunteer_id: int) -> list[tuple[int, str]]:
    """(match id, "need – project") for a volunteer's matches, for a select field."""
    rows = db.session.execute(
        select(Match.id, Need.title, Project.title)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.volunteer_id == volunteer_id)
        .order_by(Match.state == MatchState.SUGGESTED, Need.title)
    ).all()
    return [(mid, f"{need} – {project}") for mid, need, project in rows]


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


def shortlisted_for(need_id: int) -> list[tuple[Volunteer, int]]:
    """The volunteers shortlisted for a need, with their match ids, by name."""
    rows = db.session.execute(
        select(Volunteer, Match.id)
        .join(Match, Match.volunteer_id == Volunteer.id)
        .where(Match.need_id == need_id, Match.state == MatchState.SHORTLISTED)
        .order_by(Volunteer.last_name, Volunteer.first_name, Volunteer.id)
    ).all()
    return [(volunteer, match_id) for volunteer, match_id in rows]


def record_dashboard_visit(user: User) -> datetime | None:
    """Remember this visit; return the previous one (None on the first)."""
    previous = user.last_dashboard_at
    user.last_dashboard_at = utcnow()
    return previous
