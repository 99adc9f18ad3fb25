"""E-mail to volunteers from the tool: each logged in their contact log and put in the outbox."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import select

from crm.auth.models import User
from crm.contacts.email_templates import fill
from crm.contacts.models import Channel, Direction
from crm.contacts.services import log_contact
from crm.control_characters import one_line
from crm.extensions import db
from crm.outbox.writer import queue_mail
from crm.volunteers.models import Volunteer

Text = str | Mapping[str, str]
"""One text for everyone, or one per language: {"da": ..., "en": ...}."""


@dataclass
class SendResult:
    """The volunteers whose e-mail is logged and in the outbox (the worker sends it)."""

    queued: list[int] = field(default_factory=list)


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
    """Log an e-mail to each volunteer, in their language, and put it in the outbox.

    subject and body are one text or a {"da": ..., "en": ...} mapping, with placeholders
    filled per volunteer; match_ids maps volunteer id to the match the e-mail is about, so the
    log entry links to it; context adds placeholder values such as need_title. Replies go to
    the sender. Nothing goes out before the caller commits; then the worker sends each e-mail
    and its log entry shows whether it went (crm/outbox/). The caller commits.
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
        entry = log_contact(
            volunteer_id=volunteer.id,
            author_id=sender.id,
            channel=Channel.EMAIL,
            direction=Direction.OUTBOUND,
            summary=f"{text_subject}\n\n{text_body}",
            match_id=match_ids.get(volunteer.id),
        )
        queue_mail(
            volunteer.email,
            text_subject,
            text_body,
            kind="contact",
            reply_to=sender.email,
            contact_id=entry.id,
        )
        result.queued.append(volunteer.id)
    return result
