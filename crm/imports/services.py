"""Import operations: keep an upload, save a mapping, import the good rows or nothing.

The whole import is one transaction: the view commits once after run_import or drop_import.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import insert, select

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.branches.models import Branch
from crm.database import utcnow
from crm.duplicates.detect import flag_possible_duplicates
from crm.extensions import db
from crm.imports.checking import CheckResult, CleanRow, check_table
from crm.imports.mapping import guess_mapping, usable_mapping
from crm.imports.models import BatchStatus, ImportBatch, ImportMapping
from crm.imports.reading import Table, read_table
from crm.volunteers.models import (
    ExperienceEntry,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
)
from crm.volunteers.phones import phone_key


class MappingNameTaken(Exception):
    """Another saved mapping has this name."""


class BatchClosed(Exception):
    """The batch was imported or dropped already (in another window, or a double submit)."""


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, in counts."""

    imported: list[Volunteer]
    already: int
    bad: int
    possible_duplicates: int


def create_batch(user: User, filename: str, content: bytes) -> ImportBatch:
    """Keep an uploaded file until the consultant imports it or drops it (read it first with
    table_of, which refuses what cannot be read)."""
    batch = ImportBatch(created_by_id=user.id, filename=filename[:200], content=content)
    db.session.add(batch)
    db.session.flush()
    return batch


def table_of(batch: ImportBatch) -> Table:
    """The batch's spreadsheet, read (raises reading.UnreadableFile)."""
    if batch.content is None:
        raise BatchClosed
    return read_table(batch.content, batch.filename, current_app.config["IMPORT_MAX_ROWS"])


def saved_mappings() -> list[ImportMapping]:
    """Every saved mapping, by name."""
    return list(db.session.scalars(select(ImportMapping).order_by(ImportMapping.name)))


def mapping_for(batch: ImportBatch, table: Table, saved: ImportMapping | None = None) -> dict:
    """The mapping to show: a saved one chosen now, else the batch's own, else a guess."""
    if saved is not None:
        return usable_mapping(saved.columns, table.headers)
    if batch.columns:
        return usable_mapping(batch.columns, table.headers)
    return guess_mapping(table.headers)


def save_mapping(name: str, columns: dict[str, str], user: User) -> ImportMapping:
    """Save a mapping under a new name, for the next spreadsheet laid out the same way."""
    name = name.strip()
    if db.session.scalar(select(ImportMapping.id).where(ImportMapping.name == name)):
        raise MappingNameTaken
    mapping = ImportMapping(name=name, columns=dict(columns), created_by_id=user.id)
    db.session.add(mapping)
    db.session.flush()
    return mapping


def choose_mapping(batch: ImportBatch, columns: dict[str, str]) -> None:
    """Remember the mapping chosen for this batch (the check and the import use it)."""
    if batch.status != BatchStatus.UPLOADED:
        raise BatchClosed
    batch.columns = dict(columns)
    db.session.flush()


def check_batch(batch: ImportBatch, rows: int | None = None) -> CheckResult:
    """Check every row of the batch with its mapping (or the first `rows`, for the preview)."""
    table = table_of(batch)
    return check_table(table, usable_mapping(batch.columns, table.headers), rows)


def _profile(clean: CleanRow, batch: ImportBatch, now) -> dict:
    """A new volunteer's columns from a good row: no account, no consent, never matched until
    claimed."""
    return {
        "first_name": clean.first_name,
        "last_name": clean.last_name,
        "email": clean.email,
        "phone": clean.phone,
        "phone_key": phone_key(clean.phone),  # a bulk INSERT skips Volunteer's @validates
        "postcode": clean.postcode,
        "city": clean.city,
        "branch_id": clean.branch_id,
        "available_from": clean.available_from,
        "available_to": clean.available_to,
        "import_batch_id": batch.id,
        "imported_at": now,
        "created_at": now,
        "updated_at": now,
    }


def _insert(good: list[CleanRow], batch: ImportBatch) -> list[Volunteer]:
    """Insert the good rows' volunteers with their experience, languages and countries in a few
    bulk statements (the unit of work took seconds for 500 rows), and load them back."""
    if not good:
        return []
    now = utcnow()
    ids = db.session.scalars(
        insert(Volunteer).returning(Volunteer.id, sort_by_parameter_order=True),
        [_profile(clean, batch, now) for clean in good],
    ).all()
    pairs = list(zip(ids, good, strict=True))
    experience = [
        {"volunteer_id": vid, "description": clean.experience}
        for vid, clean in pairs
        if clean.experience
    ]
    languages = [
        {"volunteer_id": vid, "code": code, "level": level}
        for vid, clean in pairs
        for code, level in clean.languages
    ]
    countries = [
        {"volunteer_id": vid, "code": code} for vid, clean in pairs for code in clean.countries
    ]
    for model, rows in (
        (ExperienceEntry, experience),
        (VolunteerLanguage, languages),
        (VolunteerCountry, countries),
    ):
        if rows:
            db.session.execute(insert(model), rows)
    return list(
        db.session.scalars(
            select(Volunteer).where(Volunteer.import_batch_id == batch.id).order_by(Volunteer.id)
        )
    )


def run_import(batch: ImportBatch) -> ImportOutcome:
    """Import the batch's good rows (checked again now): bad rows and addresses already
    registered are left out, nothing existing is changed. Flags possible duplicates, forgets
    the file and audits the counts (never a name)."""
    if batch.status != BatchStatus.UPLOADED:
        raise BatchClosed
    result = check_batch(batch)
    volunteers = _insert(result.good, batch)
    duplicates = flag_possible_duplicates(volunteers, source="import")
    _close(batch, BatchStatus.IMPORTED, result, len(volunteers), duplicates)
    audit.record(
        Action.IMPORT,
        batch_id=batch.id,
        rows=result.total,
        imported=len(volunteers),
        already=len(result.already),
        bad=len(result.bad_rows),
        duplicates=duplicates,
    )
    db.session.flush()
    return ImportOutcome(volunteers, len(result.already), len(result.bad_rows), duplicates)


def drop_import(batch: ImportBatch) -> None:
    """Import nothing: forget the file; the batch stays as a record that it was dropped."""
    if batch.status != BatchStatus.UPLOADED:
        raise BatchClosed
    result = check_batch(batch)
    _close(batch, BatchStatus.CANCELLED, result, 0, 0)
    audit.record(
        Action.IMPORT_DROPPED,
        batch_id=batch.id,
        rows=result.total,
        bad=len(result.bad_rows),
    )
    db.session.flush()


def _close(batch: ImportBatch, status: str, result: CheckResult, imported: int, dups: int):
    batch.status = status
    batch.content = None
    batch.rows_total = result.total
    batch.rows_imported = imported
    batch.rows_already = len(result.already)
    batch.rows_bad = len(result.bad_rows)
    batch.possible_duplicates = dups
    batch.finished_at = utcnow()


def batch_volunteers(batch: ImportBatch) -> list[Volunteer]:
    """The volunteers this batch imported (erased ones left out), by id."""
    return list(
        db.session.scalars(
            select(Volunteer)
            .where(Volunteer.import_batch_id == batch.id, Volunteer.erased_at.is_(None))
            .order_by(Volunteer.id)
        )
    )


def recent_batches(limit: int = 20) -> list[ImportBatch]:
    """The latest batches, newest first."""
    return list(
        db.session.scalars(select(ImportBatch).order_by(ImportBatch.id.desc()).limit(limit))
    )


def branch_names() -> dict[int, str]:
    """Every branch's name by id (the preview names the branch a row was matched to)."""
    return dict(db.session.execute(select(Branch.id, Branch.name)).all())


def drop_stale_uploads(before: datetime) -> int:
    """Forget the files of uploads left waiting since before `before` (a spreadsheet holds
    personal data): each is dropped as if "import nothing" was chosen. Returns how many."""
    stale = list(
        db.session.scalars(
            select(ImportBatch).where(
                ImportBatch.status == BatchStatus.UPLOADED, ImportBatch.created_at < before
            )
        )
    )
    for batch in stale:
        batch.status = BatchStatus.CANCELLED
        batch.content = None
        batch.finished_at = utcnow()
        audit.record(Action.IMPORT_DROPPED, batch_id=batch.id, reason="stale", actor=None)
    db.session.flush()
    return len(stale)
