"""The branch's collective experience: its entries (the contact's corrections of the reading
are crm/corrections.py, shared with volunteers).

The same shape and rules as a volunteer's experience (crm/volunteers/services.py
replace_experience); crm/matches/skills.py reads the text and applies the corrections. Every
change marks the branch row changed, so its version (optimistic locking) is checked and bumped
on flush.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from crm.branches.models import Branch, BranchExperience
from crm.database import utcnow
from crm.extensions import db


@dataclass(frozen=True)
class BranchEntry:
    """One entry as submitted: an area with level and years, or free text alone."""

    id: int | None
    area: str | None
    level: int | None
    years: int | None
    description: str


def _touch(branch: Branch) -> None:
    branch.updated_at = utcnow()


def replace_experience(branch: Branch, entries: Iterable[BranchEntry]) -> None:
    """The branch's entries become exactly `entries`; an id not of this branch is a new entry,
    so a tampered form never touches another branch's entries."""
    own = {entry.id: entry for entry in branch.experience}
    kept: list[BranchExperience] = []
    for data in entries:
        entry = own.pop(data.id, None) if data.id is not None else None
        entry = entry or BranchExperience()
        entry.area = data.area or None
        entry.level, entry.years = data.level, data.years
        entry.description = data.description.strip()
        kept.append(entry)
    branch.experience = kept
    _touch(branch)
    db.session.flush()
