"""Retention: remind inactive volunteers, erase those who ignored the reminder, prune old logs.

Activity is a login (user.last_login_at) or a change to the profile (volunteer.updated_at,
which every step's save moves). Setting the reminder mark does not count: it is written
without touching updated_at.

One run (the `retention` command) has four lists, each of ids and dates only:
- remind: not erased, never reminded, no activity for RETENTION_INACTIVE_DAYS: they get an
  e-mail in their language ("log in to keep your profile") and the time is recorded; an
  imported person who never claimed the profile has no login, so they get a new invitation to
  claim it instead (crm/imports/claiming.py), which is no activity of theirs either;
- saved: reminded, and active since: the mark is cleared, so the clock starts again;
- erase: reminded more than RETENTION_NOTICE_DAYS ago and not active since: erased
  (crm/rights/erasure.py), audited with the system as the actor;
- and the audit events past AUDIT_RETENTION_DAYS, the login sessions past
  SESSION_RETENTION_DAYS and the sent or failed e-mails past OUTBOX_RETENTION_DAYS are deleted,
  and spreadsheets uploaded for import more than IMPORT_UPLOAD_MAX_AGE_DAYS ago and never
  imported are dropped (their file deleted).
A dry run computes the same lists and changes nothing.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import and_, or_, select, update

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.emails import user_locale
from crm.auth.models import User
from crm.auth.sessions import prune_sessions
from crm.extensions import db
from crm.imports import claiming
from crm.imports.services import drop_stale_uploads
from crm.outbox.delivery import prune_outbox
from crm.outbox.writer import queue_mail
from crm.rights import erasure
from crm.urls import external_url
from crm.volunteers.models import Volunteer
from crm.volunteers.services import is_unclaimed_import, not_erased_condition


@dataclass(frozen=True)
class Due:
    """One volunteer a run acts on: the id and the dates that decide it, nothing else."""

    volunteer_id: int
    last_active: datetime
    reminded_at: datetime | None


@dataclass
class Plan:
    """What one run does (or, in a dry run, would do)."""

    remind: list[Due] = field(default_factory=list)
    saved: list[Due] = field(default_factory=list)
    erase: list[Due] = field(default_factory=list)
    audit_events: int = 0
    sessions: int = 0
    outbox_messages: int = 0
    uploads: int = 0


def _active_before(moment) -> object:
    """SQL: neither a login nor a profile change at or after `moment`."""
    return and_(
        Volunteer.updated_at < moment,
        or_(User.last_login_at.is_(None), User.last_login_at < moment),
    )


def _rows(condition) -> list[Due]:
    rows = db.session.execute(
        select(
            Volunteer.id, Volunteer.updated_at, User.last_login_at, Volunteer.retention_reminded_at
        )
        .outerjoin(User, User.id == Volunteer.user_id)
        .where(not_erased_condition(), condition)
        .order_by(Volunteer.id)
    ).all()
    return [
        Due(vid, max(changed, login) if login else changed, reminded)
        for vid, changed, login, reminded in rows
    ]


def plan(now: datetime) -> Plan:
    """The lists of a run at `now` (see the module docstring); changes nothing."""
    config = current_app.config
    inactive = now - timedelta(days=config["RETENTION_INACTIVE_DAYS"])
    notice = now - timedelta(days=config["RETENTION_NOTICE_DAYS"])
    reminded = Volunteer.retention_reminded_at
    return Plan(
        remind=_rows(and_(reminded.is_(None), _active_before(inactive))),
        saved=_rows(and_(reminded.is_not(None), ~_active_before(reminded))),
        erase=_rows(and_(reminded < notice, _active_before(reminded))),
    )


def send_reminder(volunteer: Volunteer, user: User | None) -> None:
    """E-mail the volunteer, in their language, that logging in keeps their profile."""
    config = current_app.config
    days = config["RETENTION_NOTICE_DAYS"]
    with force_locale(user_locale(user) if user else config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Do you want to keep your volunteer profile?")
        body = _(
            "You have not logged in to the party's volunteer tool for a long time. We keep "
            "profiles only while they are in use.\n\n"
            "Log in within %(days)d days to keep your profile:\n%(link)s\n\n"
            "If you do not, your profile and your account are erased for good.",
            days=days,
            link=external_url("auth.login"),
        )
    queue_mail(
        volunteer.email,
        subject,
        f"{body}\n\n{config['CONSULTANT_NAME']}\n{config['CONSULTANT_EMAIL']}",
        kind="retention-reminder",
    )


def run(now: datetime, dry_run: bool = False) -> Plan:
    """Plan the run and, unless dry, carry it out; the caller commits."""
    todo = plan(now)
    config = current_app.config
    audit_before = audit.retention_cutoff(now)
    sessions_before = now - timedelta(days=config["SESSION_RETENTION_DAYS"])
    outbox_before = now - timedelta(days=config["OUTBOX_RETENTION_DAYS"])
    uploads_before = now - timedelta(days=config["IMPORT_UPLOAD_MAX_AGE_DAYS"])
    if dry_run:  # count what would be pruned, and take it back
        savepoint = db.session.begin_nested()
        todo.audit_events = audit.prune_events(audit_before)
        todo.sessions = prune_sessions(sessions_before)
        todo.outbox_messages = prune_outbox(outbox_before)
        todo.uploads = drop_stale_uploads(uploads_before)
        savepoint.rollback()
        return todo
    for due in todo.remind:
        volunteer = db.session.get(Volunteer, due.volunteer_id)
        user = db.session.get(User, volunteer.user_id) if volunteer.user_id else None
        if is_unclaimed_import(volunteer):
            claiming.invite([volunteer])  # no login to keep it with: a new link to claim it
        elif volunteer.email:
            send_reminder(volunteer, user)
        _mark(due.volunteer_id, now)
        audit.record(Action.RETENTION_REMINDER, volunteer_id=due.volunteer_id, actor=None)
    for due in todo.saved:
        _mark(due.volunteer_id, None)
    for due in todo.erase:
        erasure.erase(db.session.get(Volunteer, due.volunteer_id), actor=None)
    todo.audit_events = audit.prune_events(audit_before)
    todo.sessions = prune_sessions(sessions_before)
    todo.outbox_messages = prune_outbox(outbox_before)
    todo.uploads = drop_stale_uploads(uploads_before)
    return todo


def _mark(volunteer_id: int, moment: datetime | None) -> None:
    """Set or clear the reminder mark without counting it as a profile change."""
    db.session.execute(
        update(Volunteer)
        .where(Volunteer.id == volunteer_id)
        .values(retention_reminded_at=moment, updated_at=Volunteer.updated_at),
        execution_options={"synchronize_session": False},
    )
