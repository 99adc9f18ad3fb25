"""Saved column mappings and import batches (one uploaded spreadsheet, from upload to import)."""

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class BatchStatus(enum.StrEnum):
    """Where an uploaded spreadsheet is: waiting for the consultant, imported, or dropped."""

    UPLOADED = "uploaded"
    IMPORTED = "imported"
    CANCELLED = "cancelled"


class ImportMapping(db.Model):
    """A column mapping saved under a name: for each field, the header of its column."""

    __tablename__ = "import_mapping"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    columns: Mapped[dict] = mapped_column(JSON, default=dict)
    """Field key (crm/imports/mapping.FIELDS) → the header text of its column."""
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ImportBatch(db.Model):
    """One uploaded spreadsheet. The file is kept only until it is imported or dropped; the
    counts stay, and each imported volunteer points here (Volunteer.import_batch_id)."""

    __tablename__ = "import_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    filename: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[str] = mapped_column(String(10), default=BatchStatus.UPLOADED)
    content: Mapped[bytes | None] = mapped_column(LargeBinary)
    """The uploaded file (personal data): emptied when the batch is imported or dropped."""
    columns: Mapped[dict] = mapped_column(JSON, default=dict)
    """The mapping chosen for this file: field key → header text."""
    rows_total: Mapped[int] = mapped_column(default=0)
    rows_imported: Mapped[int] = mapped_column(default=0)
    rows_already: Mapped[int] = mapped_column(default=0)
    """Rows whose e-mail was already registered: not created again, nothing overwritten."""
    rows_bad: Mapped[int] = mapped_column(default=0)
    possible_duplicates: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
