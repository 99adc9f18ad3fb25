"""The contact log (calls, e-mails, meetings) and dated follow-ups."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class Channel(enum.StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    MEETING = "meeting"
    SMS = "sms"
    OTHER = "other"


class Direction(enum.StrEnum):
    INBOUND = "in"
    OUTBOUND = "out"


class ContactLogEntry(db.Model):
    """One contact with a volunteer, logged by a consultant."""

    __tablename__ = "contact_log_entry"
    __table_args__ = (
        Index("ix_contact_log_entry_volunteer_at", "volunteer_id", "at"),
        Index("ix_contact_log_entry_branch_at", "branch_id", "at"),
        Index("ix_contact_log_entry_updated_at", "updated_at", "id"),  # the API's sync
        CheckConstraint(
            "(volunteer_id IS NULL) <> (branch_id IS NULL)", name="volunteer_or_branch"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="CASCADE"))
    """A contact with a branch (its contact person) instead of a volunteer."""
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    channel: Mapped[str] = mapped_column(String(10))
    direction: Mapped[str] = mapped_column(String(3), default=Direction.OUTBOUND)
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(500), default="")
    match_id: Mapped[int | None] = mapped_column(
        ForeignKey("match.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    """Changed by an edit or an erasure's blanking; the API lists entries by it (updated_since)."""

    @property
    def anchor(self) -> str:
        """The id of this entry's element on a page, to return to it after an action."""
        return f"contact-{self.id}"


class FollowUp(db.Model):
    """A dated reminder owned by a consultant, open until done."""

    __tablename__ = "follow_up"
    __table_args__ = (Index("ix_follow_up_owner_open", "owner_id", "done_at", "due_date"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int | None] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contact_log_entry.id", ondelete="SET NULL"), index=True
    )
    """The logged contact that set it; indexed for the record's timeline (follow-ups of its
    entries) and for the SET NULL when an entry is deleted."""
    due_date: Mapped[date] = mapped_column(index=True)
    note: Mapped[str] = mapped_column(String(500), default="")
    done_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    @property
    def anchor(self) -> str:
        """The id of this follow-up's element on a page, to return to it after an action."""
        return f"follow-up-{self.id}"


class EmailTemplate(db.Model):
    """A consultant-edited e-mail template in Danish and English.

    The built-in templates live in crm/contacts/email_templates.json; a row with the same key
    overrides one, and rows with other keys are templates the consultants added themselves.
    """

    __tablename__ = "email_template"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    subject_da: Mapped[str] = mapped_column(String(200))
    body_da: Mapped[str] = mapped_column(Text)
    subject_en: Mapped[str] = mapped_column(String(200))
    body_en: Mapped[str] = mapped_column(Text)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
