"""The branch's collective experience: its entries, and the contact's corrections of the reading.

The same shape and rules as a volunteer's experience (crm/volunteers/services.py
replace_experience, crm/volunteers/corrections.py); crm/matches/skills.py reads the text and
applies the corrections. Every change marks the branch row changed, so its version (optimistic
locking) is checked and bumped on flush.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from crm.branches.models import Branch, BranchExperience, BranchSkillCorrection
from crm.database import utcnow
from crm.extensions import db
from crm.matching import EXPERIENCE_LEVELS
from crm.volunteers.models import CorrectionAction


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


def correct_area(branch: Branch, area: str, action: str, level: int | None = None) -> None:
    """Record the contact's word on one area read from the branch's text (replacing an earlier
    one). The caller makes sure the area is one read from this branch's text."""
    action = CorrectionAction(action)
    if action == CorrectionAction.CHANGE:
        if level not in EXPERIENCE_LEVELS:
            raise ValueError("a changed level must be 1-4")
    else:
        level = None
    correction = next((c for c in branch.corrections if c.area == area), None)
    if correction is None:
        correction = BranchSkillCorrection(area=area)
        branch.corrections.append(correction)
    correction.action, correction.level, correction.at = action, level, utcnow()
    _touch(branch)
    db.session.flush()


def undo_correction(branch: Branch, area: str) -> None:
    """Forget the contact's correction of one area: the reading of the text counts again."""
    branch.corrections = [c for c in branch.corrections if c.area != area]
    _touch(branch)
    db.session.flush()
