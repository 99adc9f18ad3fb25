"""The nightly retention job and its report to the admins: ids, dates and counts, never names.

Unless RETENTION_ENABLED is true, the job is a dry run: nothing changes, and the admins are told
what a real run would do, so the party can check the rules before it lets them erase anyone.
"""

from datetime import datetime

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from crm.auth.emails import user_locale
from crm.auth.models import Role, User
from crm.extensions import db
from crm.outbox.writer import queue_mail
from crm.rights.retention import Due, Plan, run


def _rows(rows: list[Due]) -> list[str]:
    return [
        "  #{}  {}  {}".format(
            due.volunteer_id,
            due.last_active.date().isoformat(),
            due.reminded_at.date().isoformat() if due.reminded_at else "-",
        )
        for due in rows
    ]


def compose(done: Plan, dry_run: bool) -> tuple[str, str]:
    """Subject and body of the report, in the locale in force."""
    if dry_run:
        subject = _("Retention: what tonight's run would have done (dry run)")
        intro = _(
            "Retention is not enabled (RETENTION_ENABLED), so nothing was changed. "
            "A real run would have done this:"
        )
    else:
        subject = _("Retention: what tonight's run did")
        intro = _("Tonight's retention run did this:")
    lines = [intro, ""]
    for title, rows in (
        (_("Reminded (volunteer, last active, reminded)"), done.remind),
        (_("Active again, reminder cleared"), done.saved),
        (_("Erased"), done.erase),
    ):
        lines += [f"{title}: {len(rows)}", *_rows(rows), ""]
    lines += [
        _("Audit events past their retention: %(n)d", n=done.audit_events),
        _("Old login sessions: %(n)d", n=done.sessions),
        _("Old sent e-mails removed from the outbox: %(n)d", n=done.outbox_messages),
        _("Spreadsheets uploaded and never imported, dropped: %(n)d", n=done.uploads),
    ]
    return subject, "\n".join(lines)


def run_and_report(now: datetime) -> Plan:
    """Run retention (a dry run unless enabled) and write the report to every active admin;
    the caller commits."""
    dry_run = not current_app.config["RETENTION_ENABLED"]
    done = run(now, dry_run=dry_run)
    admins = db.session.scalars(
        select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id)
    )
    for admin in admins:
        with force_locale(user_locale(admin)):
            subject, body = compose(done, dry_run)
        queue_mail(admin.email, subject, body, kind="retention-report")
    return done
