"""Writing and reading the audit log; the service layer calls record() for every act it audits.

Details hold counts, filter names, states and field names, never personal data: a free-text
search is logged as "a search was given", not as what was searched for.
"""

import enum
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app, has_request_context
from flask_login import current_user
from sqlalchemy import Select, select

from crm.audit.models import AuditEvent
from crm.database import utcnow
from crm.extensions import db


class Action(enum.StrEnum):
    """Every audited act; crm/audit/labels.py names each for the admin page."""

    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGOUT = "logout"
    PASSWORD_CHANGED = "password_changed"
    PASSWORD_RESET = "password_reset"
    RECORD_VIEWED = "record_viewed"
    RECORD_CHANGED = "record_changed"
    EXPORT = "export"
    OWN_DATA_EXPORTED = "own_data_exported"
    CONSENT_GIVEN = "consent_given"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    ACCESS_REQUEST = "access_request"
    ERASURE_REQUEST = "erasure_request"
    ERASED = "erased"
    RETENTION_REMINDER = "retention_reminder"
    STAFF_INVITED = "staff_invited"
    ROLE_CHANGED = "role_changed"
    DEACTIVATED = "deactivated"
    REACTIVATED = "reactivated"
    BRANCH_CONTACT_INVITED = "branch_contact_invited"
    BRANCH_CONTACT_REMOVED = "branch_contact_removed"
    CONSENT_TEXT_PUBLISHED = "consent_text_published"
    BACKUP = "backup"
    RESTORE = "restore"
    IMPORT = "import"
    IMPORT_DROPPED = "import_dropped"
    CLAIM_INVITED = "claim_invited"
    PROFILE_CLAIMED = "profile_claimed"
    API_READ = "api_read"
    API_TOKEN_CREATED = "api_token_created"
    API_TOKEN_REVOKED = "api_token_revoked"
    DUPLICATES_SCANNED = "duplicates_scanned"
    NOT_SAME_PERSON = "not_same_person"
    MERGED = "merged"
    MERGE_UNDONE = "merge_undone"


Detail = int | float | bool | str | None | list[str]
MAX_DETAIL_TEXT = 80


def _check(details: dict[str, Detail]) -> dict[str, Detail]:
    """Refuse details that could carry personal data: long text or an e-mail address."""
    for key, value in details.items():
        texts = value if isinstance(value, list) else [value]
        for text in texts:
            if isinstance(text, str) and (len(text) > MAX_DETAIL_TEXT or "@" in text):
                raise ValueError(f"audit detail {key!r} looks like personal data")
    return details


def record(
    action: Action,
    *,
    volunteer_id: int | None = None,
    user_id: int | None = None,
    actor=None,
    **details: Detail,
) -> AuditEvent:
    """Add an event to the session (the caller's commit saves it with the act it records).

    The actor is the logged-in user unless given (a command passes None for "the system").
    """
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user
    event = AuditEvent(
        at=utcnow(),
        actor_id=actor.id if actor is not None else None,
        actor_role=str(actor.role) if actor is not None else None,
        action=str(action),
        volunteer_id=volunteer_id,
        user_id=user_id,
        details=_check(details),
    )
    db.session.add(event)
    return event


def events_query(
    actor_id: int | None = None,
    action: str | None = None,
    day_from: date | None = None,
    day_to: date | None = None,
    volunteer_ids: Iterable[int] | None = None,
) -> Select:
    """Events matching the filters, newest first (the admin page pages through them).

    volunteer_ids: events about any of these volunteers (a name looked up to ids); an empty
    list matches nothing."""
    query = select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if volunteer_ids is not None:
        query = query.where(AuditEvent.volunteer_id.in_(list(volunteer_ids)))
    if actor_id is not None:
        query = query.where(AuditEvent.actor_id == actor_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if day_from is not None:
        query = query.where(AuditEvent.at >= _start_of(day_from))
    if day_to is not None:
        query = query.where(AuditEvent.at < _start_of(day_to + timedelta(days=1)))
    return query


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Events before this moment are past AUDIT_RETENTION_DAYS."""
    return (now or utcnow()) - timedelta(days=current_app.config["AUDIT_RETENTION_DAYS"])


def prune_events(before: datetime) -> int:
    """Delete events older than `before`: the one way events leave the log (retention)."""
    result = db.session.execute(AuditEvent.__table__.delete().where(AuditEvent.at < before))
    return result.rowcount
