"""One outgoing e-mail, from the transaction that asked for it until it is sent or given up."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class OutboxStatus(enum.StrEnum):
    PENDING = "pending"  # waiting for its first try, or for the next after a failure
    SENDING = "sending"  # claimed by one worker; nobody else sends it
    SENT = "sent"
    FAILED = "failed"  # every try failed: the consultant sees it and may retry


class OutboxMessage(db.Model):
    """An e-mail waiting to be sent, being sent, sent or failed.

    The row is added in the same transaction as the action that asked for the e-mail, so a rolled
    back action leaves no message. The worker claims a due row with one conditional UPDATE, which
    only one process can win, and then sends it. Message-ID is fixed when the row is written, so a
    retry is the same message to the receiving server.
    """

    __tablename__ = "outbox_message"
    __table_args__ = (Index("ix_outbox_message_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    """What the e-mail is (contact, confirmation, reset, invitation, notification, ...): shown to
    staff and counted, never personal."""
    to_address: Mapped[str] = mapped_column(String(254), index=True)
    reply_to: Mapped[str] = mapped_column(String(254), default="")
    subject: Mapped[str] = mapped_column(String(998))  # the longest line RFC 5322 allows
    body: Mapped[str] = mapped_column(Text)
    headers: Mapped[dict] = mapped_column(JSON, default=dict)
    """Extra headers, such as List-Unsubscribe."""
    message_id: Mapped[str] = mapped_column(String(200))
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_log_entry.id", ondelete="CASCADE"), index=True
    )
    """The contact log entry that records this e-mail, whose status it shows."""
    status: Mapped[str] = mapped_column(String(10), default=OutboxStatus.PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    last_error: Mapped[str] = mapped_column(String(200), default="")
    """The kind of failure (exception class and SMTP code), never the server's full answer,
    which can quote the address."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
