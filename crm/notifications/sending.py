"""One notification to one volunteer: written in their language, signed by the consultant, with
the unsubscribe link for its kind in the text and in the List-Unsubscribe headers (RFC 8058),
and put in the outbox in the caller's transaction (sent after the commit, never on a rollback).

What goes in is only what the volunteer may see anyway: the need's public title, its project's
title, the state, and links. Never a consultant's note, reason or anything else they typed."""

from collections.abc import Callable

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _

from crm.auth.emails import user_locale
from crm.auth.models import User
from crm.extensions import db
from crm.notifications.tokens import MailKind, make_unsubscribe_token
from crm.outbox.writer import queue_mail
from crm.urls import external_url
from crm.volunteers.models import Volunteer

ONE_CLICK = "List-Unsubscribe=One-Click"


def volunteer_locale(volunteer: Volunteer) -> str:
    """The language of the volunteer's account (the default when they have none)."""
    user = db.session.get(User, volunteer.user_id) if volunteer.user_id else None
    return user_locale(user) if user is not None else current_app.config["BABEL_DEFAULT_LOCALE"]


def unsubscribe_url(volunteer: Volunteer, kind: MailKind) -> str:
    """The signed link that stops this kind of e-mail to this volunteer, no login needed."""
    return external_url("notifications.unsubscribe", token=make_unsubscribe_token(volunteer, kind))


def _footer(kind: MailKind, link: str) -> str:
    profile = external_url("volunteers.profile", _anchor="section-email")
    if kind == MailKind.STATUS:
        stop = _("Stop e-mails about your own tasks with one click: %(link)s", link=link)
    else:
        stop = _("Stop e-mails about new tasks with one click: %(link)s", link=link)
    return stop + "\n" + _("All your e-mail choices are on your profile: %(link)s", link=profile)


def send(
    volunteer: Volunteer, kind: MailKind, label: str, compose: Callable[[], tuple[str, str]]
) -> None:
    """Compose subject and body in the volunteer's language and queue them with the unsubscribe
    link of `kind`; `label` names the notification in the outbox (no personal data)."""
    config = current_app.config
    link = unsubscribe_url(volunteer, kind)
    with force_locale(volunteer_locale(volunteer)):
        subject, body = compose()
        footer = _footer(kind, link)
    signature = f"{config['CONSULTANT_NAME']}\n{config['CONSULTANT_EMAIL']}"
    queue_mail(
        volunteer.email,
        subject,
        f"{body}\n\n{signature}\n\n-- \n{footer}",
        kind=label,
        reply_to=config["CONSULTANT_EMAIL"],
        headers={"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": ONE_CLICK},
    )
