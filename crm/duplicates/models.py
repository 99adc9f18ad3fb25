"""The review queue of possible duplicates, and the record of each merge (for its undo)."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class PairStatus(enum.StrEnum):
    """Open until a consultant merged the two or said they are not the same person."""

    OPEN = "open"
    MERGED = "merged"
    NOT_SAME = "not_same"


class PairSource(enum.StrEnum):
    """What found the pair."""

    REGISTRATION = "registration"
    IMPORT = "import"
    SCAN = "scan"


class Evidence(enum.StrEnum):
    """Why two volunteers may be one person (DuplicatePair.why)."""

    NAME = "name"
    PHONE = "phone"
    POSTCODE = "postcode"
    EMAIL = "email"


class DuplicatePair(db.Model):
    """Two volunteers who may be one person, in the canonical order (lower id first).

    One row per two people, ever: a pair marked "not the same person" stays, so it is never
    queued again."""

    __tablename__ = "duplicate_pair"
    __table_args__ = (
        UniqueConstraint("first_id", "second_id", name="uq_duplicate_pair_volunteers"),
        CheckConstraint("first_id < second_id", name="canonical_order"),
        Index("ix_duplicate_pair_status_score", "status", "score"),
        Index("ix_duplicate_pair_second", "second_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    first_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    second_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    score: Mapped[float] = mapped_column(default=0.0)
    """The similarity of the two names, 0-100 (rapidfuzz, on normalised names)."""
    why: Mapped[list[str]] = mapped_column(JSON, default=list)
    """Evidence values: name, phone, postcode, email."""
    source: Mapped[str] = mapped_column(String(12), default=PairSource.SCAN)
    status: Mapped[str] = mapped_column(String(10), default=PairStatus.OPEN)
    decided_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class VolunteerMerge(db.Model):
    """One merge: what it changed on the kept record and which rows it moved, so that it can
    be undone while UNDO days last (crm/duplicates/undo.py).

    `before` holds field values of both people (personal data): erasure of either deletes the
    row (crm/rights/erasure.py), and the Art. 15 export lists the merges."""

    __tablename__ = "volunteer_merge"
    __table_args__ = (
        Index("ix_volunteer_merge_kept", "kept_id"),
        Index("ix_volunteer_merge_merged", "merged_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kept_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    merged_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    pair_id: Mapped[int | None] = mapped_column(
        ForeignKey("duplicate_pair.id", ondelete="SET NULL"), index=True
    )
    merged_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    merged_at: Mapped[datetime] = mapped_column(default=utcnow)
    before: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    """{"kept": {field: value}, "merged": {field: value}}: both records' values before."""
    steps: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    """What the merge did to other rows, in order, for undo to reverse (crm/duplicates/steps.py):
    rows re-pointed from one volunteer or match to another, consents it closed, and the weaker
    of two matches on one need, which it deleted (kept column by column)."""
    undone_at: Mapped[datetime | None]
    undone_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
