"""The consultant's morning digest: the follow-ups due today and overdue, as one e-mail each.

The e-mail leaves the tool, so it holds counts, dates and links only: no names, no notes.
"""

from datetime import date

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import case, func, select

from crm.auth.emails import user_locale
from crm.auth.models import STAFF_ROLES, User
from crm.contacts.models import FollowUp
from crm.extensions import db
from crm.outbox.writer import queue_mail
from crm.urls import external_url


def due_by_owner(today: date) -> dict[int, tuple[int, int]]:
    """Active staff with open follow-ups due by today: owner id → (due today, overdue)."""
    is_today = case((FollowUp.due_date == today, 1), else_=0)
    is_overdue = case((FollowUp.due_date < today, 1), else_=0)
    rows = db.session.execute(
        select(FollowUp.owner_id, func.sum(is_today), func.sum(is_overdue))
        .join(User, User.id == FollowUp.owner_id)
        .where(
            FollowUp.done_at.is_(None),
            FollowUp.due_date <= today,
            User.active.is_(True),
            User.role.in_(list(STAFF_ROLES)),
        )
        .group_by(FollowUp.owner_id)
        .order_by(FollowUp.owner_id)
    )
    return {owner_id: (int(due), int(overdue)) for owner_id, due, overdue in rows}


def compose(today_count: int, overdue: int) -> tuple[str, str]:
    """Subject and body of one digest, in the locale in force."""
    subject = (
        ngettext("%(num)d follow-up due today", "%(num)d follow-ups due today", today_count)
        if today_count
        else _("Overdue follow-ups")
    )
    lines = [
        ngettext(
            "%(num)d follow-up is due today.", "%(num)d follow-ups are due today.", today_count
        ),
    ]
    if overdue:
        lines.append(
            ngettext("%(num)d follow-up is overdue.", "%(num)d follow-ups are overdue.", overdue)
        )
    lines += [
        "",
        _("Your open follow-ups: %(link)s", link=external_url("contacts.follow_ups")),
        _("Overdue: %(link)s", link=external_url("contacts.follow_ups", overdue="y")),
        "",
        _("This e-mail holds no names or notes; they stay in the tool."),
    ]
    return subject, "\n".join(lines)


def queue_digests(today: date) -> int:
    """Write one digest per member of staff with follow-ups due; the caller commits."""
    sent = 0
    for owner_id, (today_count, overdue) in due_by_owner(today).items():
        user = db.session.get(User, owner_id)
        with force_locale(user_locale(user)):
            subject, body = compose(today_count, overdue)
        queue_mail(user.email, subject, body, kind="follow-up-digest")
        sent += 1
    return sent
