"""Sending e-mail to volunteers from the tool, each one logged in their contact log."""

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from crm.auth.models import User
from crm.contacts.email_templates import fill
from crm.contacts.models import Channel, Direction
from crm.contacts.services import log_contact
from crm.control_characters import one_line
from crm.extensions import db
from crm.mail import send_mail
from crm.volunteers.models import Volunteer

log = logging.getLogger(__name__)

Text = str | Mapping[str, str]
"""One text for everyone, or one per language: {"da": ..., "en": ...}."""


@dataclass
class SendResult:
    """What happened: the volunteers written to and those whose e-mail could not be sent."""

    sent: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)


def volunteer_locales(volunteer_ids: Iterable[int]) -> dict[int, str]:
    """Each volunteer's e-mail language: English if their account says so, else Danish."""
    ids = list(volunteer_ids)
    rows = db.session.execute(
        select(Volunteer.id, User.locale)
        .join(User, User.id == Volunteer.user_id)
        .where(Volunteer.id.in_(ids))
    )
    english = {vid for vid, locale in rows if locale == "en"}
    return {vid: "en" if vid in english else "da" for vid in ids}


def _pick(text: Text, locale: str) -> str:
    if isinstance(text, str):
        return text
    return text.get(locale) or text.get("da") or ""


def placeholder_values(volunteer: Volunteer, sender: User, context: Mapping[str, str]) -> dict:
    """The values of the placeholders for one volunteer."""
    return {
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "full_name": volunteer.full_name,
        "consultant_name": sender.name or sender.email,
        "consultant_email": sender.email,
        **context,
    }


def send_to_volunteers(
    volunteers: Iterable[Volunteer],
    subject: Text,
    body: Text,
    sender: User,
    match_ids: Mapping[int, int] | None = None,
    context: Mapping[str, str] | None = None,
) -> SendResult:
    """E-mail each volunteer in their language and log it in their contact log.

    subject and body are one text or a {"da": ..., "en": ...} mapping, with placeholders
    filled per volunteer; match_ids maps volunteer id to the match the e-mail is about, so the
    log entry links to it; context adds placeholder values such as need_title. Replies go to
    the sender. A failed send is counted and logged without personal data; the others go on.
    The caller commits.
    """
    volunteers = list(volunteers)
    locales = volunteer_locales(v.id for v in volunteers)
    match_ids = match_ids or {}
    result = SendResult()
    for volunteer in volunteers:
        locale = locales[volunteer.id]
        values = placeholder_values(volunteer, sender, context or {})
        text_subject = one_line(fill(_pick(subject, locale), values))
        text_body = fill(_pick(body, locale), values)
        try:
            send_mail(volunteer.email, text_subject, text_body, reply_to=sender.email)
        except Exception:  # noqa: BLE001 - one bad address must not stop the rest
            log.exception("e-mail to volunteer #%s failed", volunteer.id)
            result.failed.append(volunteer.id)
            continue
        log_contact(
            volunteer_id=volunteer.id,
            author_id=sender.id,
            channel=Channel.EMAIL,
            direction=Direction.OUTBOUND,
            summary=f"{text_subject}\n\n{text_body}",
            match_id=match_ids.get(volunteer.id),
        )
        result.sent.append(volunteer.id)
    return result
