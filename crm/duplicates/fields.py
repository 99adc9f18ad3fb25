"""What a merge compares and chooses, field by field, and a volunteer's values as plain data.

FIELDS are the choices on the merge screen: each names the profile columns it carries.
snapshot() writes a record's values (its collections too) as JSON-ready data for the merge
record; restore() puts them back on undo.
"""

from datetime import UTC, date, datetime
from typing import Any

from crm.volunteers.models import (
    ExperienceEntry,
    SkillCorrection,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)
from crm.volunteers.services import is_unclaimed_import

FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("first_name", "last_name"),
    "email": ("email",),
    "phone": ("phone",),
    "postcode": ("postcode",),
    "city": ("city",),
    "branch": ("branch_id",),
    "availability": ("available_from", "available_to", "hours_per_month", "travel"),
    "motivation": ("motivation",),
}
"""A choice on the merge screen: one value of the two records is kept."""

COLLECTIONS = ("experience", "languages", "countries")
"""Choices that may also keep both records' entries."""

CONSENT_COLUMNS = ("consent_version", "consent_at", "consent_withdrawn_at", "share_with_branch")
"""The consent state: kept together from one record (with its records in force)."""

OTHER_COLUMNS = (
    "user_id",
    "needs_email",
    "status_emails",
    "retention_reminded_at",
    "claimed_at",
    "claim_nonce",
)

DATE_COLUMNS = {"available_from", "available_to"}
TIME_COLUMNS = {"consent_at", "consent_withdrawn_at", "retention_reminded_at", "claimed_at"}


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date | datetime) else value


def _typed(column: str, value: Any) -> Any:
    if value is None:
        return None
    if column in DATE_COLUMNS:
        return date.fromisoformat(value)
    if column in TIME_COLUMNS:
        return datetime.fromisoformat(value)
    return value


def columns() -> tuple[str, ...]:
    """Every scalar column a snapshot holds."""
    chosen = tuple(c for group in FIELDS.values() for c in group)
    return chosen + CONSENT_COLUMNS + OTHER_COLUMNS


def snapshot(v: Volunteer) -> dict[str, Any]:
    """The volunteer's values, collections included, as JSON-ready data."""
    data: dict[str, Any] = {c: _plain(getattr(v, c)) for c in columns()}
    data["experience"] = [
        {"area": e.area, "level": e.level, "years": e.years, "description": e.description}
        for e in v.experience
    ]
    data["languages"] = [{"code": lang.code, "level": lang.level} for lang in v.languages]
    data["countries"] = [c.code for c in v.countries]
    data["skills"] = [
        {"area": s.area, "level": s.level, "confidence": s.confidence, "source": s.source}
        for s in v.skills
    ]
    data["corrections"] = [
        {"area": c.area, "action": c.action, "level": c.level, "at": _plain(c.at)}
        for c in v.corrections
    ]
    return data


def restore_scalars(v: Volunteer, data: dict[str, Any], names: tuple[str, ...]) -> None:
    """Set these columns of `v` from a snapshot."""
    for name in names:
        if name in data:
            setattr(v, name, _typed(name, data[name]))


def restore_collection(v: Volunteer, name: str, entries: list) -> None:
    """Replace one collection of `v` (experience, languages, countries) from snapshot data."""
    if name == "experience":
        v.experience = [ExperienceEntry(**e) for e in entries]
    elif name == "languages":
        v.languages = [VolunteerLanguage(**lang) for lang in entries]
    elif name == "countries":
        v.countries = [VolunteerCountry(code=code) for code in entries]


def restore(v: Volunteer, data: dict[str, Any]) -> None:
    """Put a whole snapshot back (undo of a merge), the account link excepted."""
    restore_scalars(v, data, tuple(c for c in columns() if c != "user_id"))
    for name in COLLECTIONS:
        restore_collection(v, name, data[name])
    v.skills = [VolunteerSkill(**s) for s in data["skills"]]
    v.corrections = [
        SkillCorrection(**{**c, "at": datetime.fromisoformat(c["at"])}) for c in data["corrections"]
    ]


def is_empty(v: Volunteer, choice: str) -> bool:
    """True when the record has nothing for this choice."""
    if choice in COLLECTIONS:
        return not getattr(v, choice)
    return all(getattr(v, c) in (None, "") for c in FIELDS[choice])


def newer_first(a: Volunteer, b: Volunteer) -> tuple[Volunteer, Volunteer]:
    """(newer, older) of two records, by when they were last changed; an imported profile not
    claimed yet counts as older than any record the person keeps themselves (it was written
    when the spreadsheet was imported, its values are as old as the spreadsheet)."""
    newer, older = sorted(
        (a, b), key=lambda v: (not is_unclaimed_import(v), v.updated_at, v.id), reverse=True
    )
    return newer, older


def defaults(newer: Volunteer, older: Volunteer) -> dict[str, int | str]:
    """The preselected choices: the newer record's value unless it is empty; both records'
    entries where both have experience, languages or countries."""
    chosen: dict[str, int | str] = {}
    for choice in (*FIELDS, *COLLECTIONS):
        if choice in COLLECTIONS and not is_empty(newer, choice) and not is_empty(older, choice):
            chosen[choice] = "both"
        else:
            chosen[choice] = older.id if is_empty(newer, choice) else newer.id
    chosen["consent"] = max(
        (newer, older), key=lambda v: max(v.consent_at or _NEVER, v.consent_withdrawn_at or _NEVER)
    ).id
    return chosen


_NEVER = datetime(1, 1, 1, tzinfo=UTC)
