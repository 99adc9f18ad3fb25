"""What the notifications remember: when a need opened to the public, which needs each volunteer
was told about, and up to when their last digest looked."""

from datetime import datetime

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class NeedOpening(db.Model):
    """When a need last became open to the public (created open, re-opened, or its project made
    active): the digests' "new needs" are those opened since a volunteer's last digest."""

    __tablename__ = "need_opening"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("need.id", ondelete="CASCADE"), primary_key=True
    )
    opened_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class NeedNotice(db.Model):
    """A volunteer was e-mailed about a new need (at once or in a digest): never again."""

    __tablename__ = "need_notice"

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True
    )
    need_id: Mapped[int] = mapped_column(
        ForeignKey("need.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)


class DigestMark(db.Model):
    """The watermark of a volunteer's new-needs e-mails: needs opened up to `until` were looked
    at for the last one sent (no row: since the volunteer registered)."""

    __tablename__ = "digest_mark"

    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True
    )
    until: Mapped[datetime] = mapped_column(default=utcnow)
