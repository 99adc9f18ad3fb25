"""Sending the outbox: claim a due message, hand it to the transport, record what happened.

A message is claimed with one conditional UPDATE (pending and due, to sending), which exactly one
process wins, so two workers, or the worker and a web process, never send it twice. A failure
puts it back with a later due time (the backoff doubles from OUTBOX_RETRY_SECONDS up to an hour)
until OUTBOX_MAX_ATTEMPTS, then it is failed and shown to the consultant, who may retry it. A
message left "sending" by a worker that died is taken back after OUTBOX_CLAIM_TIMEOUT seconds: the
one case in which a message can go out twice, if that worker died after the mail server took it
and before it wrote "sent" (the same Message-ID lets the receiving side tell).
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, select, update

from crm.database import utcnow
from crm.extensions import db
from crm.mail import build_message, transmit
from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.outbox.writer import wake_after_commit

log = logging.getLogger(__name__)

MAX_BACKOFF = timedelta(hours=1)


def backoff(attempts: int) -> timedelta:
    """How long to wait after the n-th failed try: the retry delay, doubled each time, at most
    an hour."""
    first = timedelta(seconds=current_app.config["OUTBOX_RETRY_SECONDS"])
    return min(first * 2 ** max(0, attempts - 1), MAX_BACKOFF)


def failure_kind(error: Exception) -> str:
    """The kind of failure, without the server's text (it can quote the address)."""
    code = getattr(error, "smtp_code", None)
    if code is None and isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = {c for c, _ in error.recipients.values()}
        code = min(codes) if codes else None
    return f"{type(error).__name__} {code}" if code else type(error).__name__


def claim(message_id: int, now: datetime) -> bool:
    """Take a due pending message for sending; True only for the one caller that won it."""
    result = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.id == message_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            OutboxMessage.next_attempt_at <= now,
        )
        .values(
            status=OutboxStatus.SENDING,
            claimed_at=now,
            attempts=OutboxMessage.attempts + 1,
        ),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    return result.rowcount == 1


def deliver(message_id: int, now: datetime | None = None) -> str | None:
    """Send one message if it is due at `now` and nobody else is sending it; commits.

    Returns the status it ended in, or None when it was not this caller's to send.
    """
    now = now or utcnow()
    if not claim(message_id, now):
        return None
    message = db.session.get(OutboxMessage, message_id)
    try:
        transmit(
            build_message(
                message.to_address,
                message.subject,
                message.body,
                reply_to=message.reply_to or None,
                headers=message.headers,
                message_id=message.message_id,
            )
        )
    except (OSError, smtplib.SMTPException) as error:
        message.last_error = failure_kind(error)[:200]
        if message.attempts >= current_app.config["OUTBOX_MAX_ATTEMPTS"]:
            message.status = OutboxStatus.FAILED
        else:
            message.status = OutboxStatus.PENDING
            message.next_attempt_at = now + backoff(message.attempts)
        log.warning(
            "outbox message #%s (%s) try %s failed: %s",
            message.id,
            message.kind,
            message.attempts,
            message.last_error,
        )
    else:
        message.status = OutboxStatus.SENT
        message.sent_at = utcnow()
        message.last_error = ""
    db.session.commit()
    return message.status


@dataclass
class Sweep:
    """What one sweep of the outbox did: counts only."""

    taken_back: int = 0
    sent: int = 0
    retrying: int = 0
    failed: int = 0


def due_ids(now: datetime, limit: int = 500) -> list[int]:
    """The pending messages whose time has come, oldest first."""
    return list(
        db.session.scalars(
            select(OutboxMessage.id)
            .where(
                OutboxMessage.status == OutboxStatus.PENDING,
                OutboxMessage.next_attempt_at <= now,
            )
            .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
            .limit(limit)
        )
    )


def take_back_stale(now: datetime) -> int:
    """Put messages left "sending" by a worker that died back in line; commits."""
    timeout = timedelta(seconds=current_app.config["OUTBOX_CLAIM_TIMEOUT"])
    result = db.session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.status == OutboxStatus.SENDING,
            OutboxMessage.claimed_at < now - timeout,
        )
        .values(status=OutboxStatus.PENDING, next_attempt_at=now),
        execution_options={"synchronize_session": False},
    )
    db.session.commit()
    return result.rowcount


def deliver_due(now: datetime | None = None) -> Sweep:
    """Send every message that is due (the worker runs this every minute); commits."""
    now = now or utcnow()
    sweep = Sweep(taken_back=take_back_stale(now))
    for message_id in due_ids(now):
        status = deliver(message_id, now)
        if status == OutboxStatus.SENT:
            sweep.sent += 1
        elif status == OutboxStatus.PENDING:
            sweep.retrying += 1
        elif status == OutboxStatus.FAILED:
            sweep.failed += 1
    return sweep


def retry(message: OutboxMessage) -> bool:
    """Put a failed message back in line for the worker (a consultant's retry); the caller
    commits. False when it is not failed (sent meanwhile, or already retried)."""
    if message.status != OutboxStatus.FAILED:
        return False
    message.status = OutboxStatus.PENDING
    message.attempts = 0
    message.next_attempt_at = utcnow()
    db.session.flush()
    wake_after_commit(message.id)
    return True


def prune_outbox(before: datetime) -> int:
    """Delete sent and failed messages written before `before` (the contact log keeps the
    record); pending ones stay until they are sent. The caller commits."""
    result = db.session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.status.in_([OutboxStatus.SENT, OutboxStatus.FAILED]),
            OutboxMessage.created_at < before,
        ),
        execution_options={"synchronize_session": False},
    )
    return result.rowcount
