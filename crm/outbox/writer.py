"""Asking for an e-mail: a row in the outbox, in the caller's transaction."""

from collections.abc import Mapping

from crm.control_characters import one_line
from crm.extensions import db
from crm.mail import new_message_id
from crm.outbox.models import OutboxMessage

QUEUED_IDS = "outbox_ids"
"""Key in the session's info: the messages written in the open transaction, which the worker is
woken for once it commits (crm/jobs/wakeup.py)."""


def queue_mail(
    to: str,
    subject: str,
    body: str,
    *,
    kind: str,
    reply_to: str | None = None,
    headers: Mapping[str, str] | None = None,
    contact_id: int | None = None,
) -> OutboxMessage:
    """Add one e-mail to the outbox; the worker sends it once the caller's transaction commits.

    Nothing is sent if the transaction rolls back. kind says what the e-mail is (never personal:
    it is shown on the failed-sends page and in logs); contact_id links the contact log entry
    that records it, which then shows whether it went out. The caller commits.
    """
    message = OutboxMessage(
        kind=kind,
        to_address=one_line(to),
        reply_to=one_line(reply_to or ""),
        subject=one_line(subject),
        body=body,
        headers={one_line(k): one_line(v) for k, v in (headers or {}).items()},
        message_id=new_message_id(),
        contact_id=contact_id,
    )
    db.session.add(message)
    db.session.flush()
    wake_after_commit(message.id)
    return message


def wake_after_commit(message_id: int) -> None:
    """Have the worker woken for this message once the open transaction commits."""
    db.session.info.setdefault(QUEUED_IDS, []).append(message_id)
