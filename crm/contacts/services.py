"""Contact-log entries, follow-ups and the consultant's calendar token."""

import secrets
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import current_app
from sqlalchemy import Select, and_, case, func, select

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import STAFF_ROLES, User
from crm.contacts.models import ContactLogEntry, Direction, FollowUp
from crm.database import utcnow
from crm.extensions import db
from crm.volunteers.models import Volunteer


def local_zone() -> ZoneInfo:
    """The office's time zone (Europe/Copenhagen unless configured otherwise)."""
    return ZoneInfo(current_app.config["BABEL_DEFAULT_TIMEZONE"])


def local_now() -> datetime:
    """The current time in the office's time zone."""
    return datetime.now(local_zone())


def local_today() -> date:
    """Today's date in the office's time zone (follow-ups are due on local dates)."""
    return local_now().date()


def local_to_utc(value: datetime) -> datetime:
    """A naive wall-clock time typed in the office's time zone, as aware UTC."""
    return value.replace(tzinfo=local_zone()).astimezone(ZoneInfo("UTC"))


def local_midnight_utc(day: date) -> datetime:
    """The start of a local day as aware UTC."""
    return local_to_utc(datetime.combine(day, time()))


def log_contact(
    volunteer_id: int | None,
    author_id: int | None,
    channel: str,
    summary: str,
    direction: str = Direction.OUTBOUND,
    at: datetime | None = None,
    outcome: str = "",
    match_id: int | None = None,
    branch_id: int | None = None,
) -> ContactLogEntry:
    """Add one contact-log entry with a volunteer, or with a branch when volunteer_id is None
    and branch_id is given (at is aware; now when not given)."""
    entry = ContactLogEntry(
        volunteer_id=volunteer_id,
        branch_id=branch_id,
        author_id=author_id,
        channel=channel,
        direction=direction,
        at=at or utcnow(),
        summary=summary,
        outcome=outcome,
        match_id=match_id,
    )
    db.session.add(entry)
    db.session.flush()
    if volunteer_id is not None:
        audit.record(
            Action.RECORD_CHANGED,
            volunteer_id=volunteer_id,
            change="contact",
            channel=str(channel),
            direction=str(direction),
        )
    return entry


def add_follow_up(
    owner_id: int,
    due_date: date,
    note: str = "",
    volunteer_id: int | None = None,
    contact_id: int | None = None,
) -> FollowUp:
    """Add an open follow-up owned by a consultant."""
    follow_up = FollowUp(
        owner_id=owner_id,
        due_date=due_date,
        note=note,
        volunteer_id=volunteer_id,
        contact_id=contact_id,
    )
    db.session.add(follow_up)
    db.session.flush()
    return follow_up


def mark_done(follow_up: FollowUp) -> None:
    """Close a follow-up (kept for the history)."""
    if follow_up.done_at is None:
        follow_up.done_at = utcnow()


def undo_done(follow_up: FollowUp) -> None:
    """Re-open a follow-up closed by mistake."""
    follow_up.done_at = None


def reassign(follow_up: FollowUp, owner: User) -> None:
    """Give a follow-up to another member of staff; ValueError if they are not staff."""
    if owner.role not in STAFF_ROLES or not owner.active:
        raise ValueError("follow-ups can only be given to active staff")
    follow_up.owner_id = owner.id


def staff_users() -> list[User]:
    """Active consultants and admins, by name, for reassigning."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role.in_(list(STAFF_ROLES)), User.active.is_(True))
            .order_by(User.name, User.email)
        )
    )


def regenerate_calendar_token(user: User) -> str:
    """Give the user a new secret calendar URL token; the old URL stops working at once."""
    user.calendar_token = secrets.token_urlsafe(32)
    return user.calendar_token


def user_by_calendar_token(token: str) -> User | None:
    """The active staff user whose calendar feed this token opens, else None."""
    if not token or len(token) > 64:
        return None
    user = db.session.scalar(select(User).where(User.calendar_token == token))
    if user is None or not user.active or user.role not in STAFF_ROLES:
        return None
    return user


@dataclass(frozen=True)
class FollowUpFilters:
    """The follow-up list's filters, as they appear in the URL."""

    owner: str = "mine"  # mine | all
    status: str = "open"  # open | done | all
    overdue: bool = False
    due_from: date | None = None
    due_to: date | None = None


def _follow_up_conditions(filters: FollowUpFilters, user_id: int, today: date) -> list:
    conditions = []
    if filters.owner == "mine":
        conditions.append(FollowUp.owner_id == user_id)
    if filters.status == "open":
        conditions.append(FollowUp.done_at.is_(None))
    elif filters.status == "done":
        conditions.append(FollowUp.done_at.is_not(None))
    if filters.overdue:
        conditions.append(and_(FollowUp.done_at.is_(None), FollowUp.due_date < today))
    if filters.due_from:
        conditions.append(FollowUp.due_date >= filters.due_from)
    if filters.due_to:
        conditions.append(FollowUp.due_date <= filters.due_to)
    return conditions


def follow_up_query(filters: FollowUpFilters, user_id: int, today: date) -> Select:
    """Follow-ups with their volunteer's and owner's names, mine first, then by due date."""
    stmt = (
        select(FollowUp, Volunteer.first_name, Volunteer.last_name, User.name, User.email)
        .outerjoin(Volunteer, Volunteer.id == FollowUp.volunteer_id)
        .join(User, User.id == FollowUp.owner_id)
        .where(*_follow_up_conditions(filters, user_id, today))
    )
    if filters.owner == "mine":  # all mine: the owner index gives the order, no sort needed
        return stmt.order_by(FollowUp.due_date, FollowUp.id)
    mine_first = case((FollowUp.owner_id == user_id, 0), else_=1)
    return stmt.order_by(mine_first, FollowUp.due_date, FollowUp.id)


def count_follow_ups(filters: FollowUpFilters, user_id: int, today: date) -> int:
    """How many follow-ups follow_up_query finds, counted on the follow-up table's indexes alone."""
    return db.session.scalar(
        select(func.count(FollowUp.id)).where(*_follow_up_conditions(filters, user_id, today))
    )
