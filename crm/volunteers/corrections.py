"""The volunteer's corrections of what was read from their text: confirm, change level, remove."""

from crm.database import utcnow
from crm.extensions import db
from crm.matching import EXPERIENCE_LEVELS
from crm.volunteers.models import CorrectionAction, SkillCorrection, Volunteer
from crm.volunteers.services import _touch


def correct_area(
    volunteer: Volunteer, area: str, action: str, level: int | None = None
) -> SkillCorrection:
    """Record the volunteer's word on one area read from their text; it replaces any earlier one.

    The caller makes sure the area is one read from this volunteer's own text, then re-derives
    the text skills (crm/matches/skills.py applies the correction) and commits.
    """
    action = CorrectionAction(action)
    if action == CorrectionAction.CHANGE:
        if level not in EXPERIENCE_LEVELS:
            raise ValueError("a changed level must be 1-4")
    else:
        level = None
    correction = next((c for c in volunteer.corrections if c.area == area), None)
    if correction is None:
        correction = SkillCorrection(area=area)
        volunteer.corrections.append(correction)
    correction.action, correction.level, correction.at = action, level, utcnow()
    _touch(volunteer)
    db.session.flush()
    return correction


def undo_correction(volunteer: Volunteer, area: str) -> None:
    """Forget the volunteer's correction of one area: the reading of their text counts again."""
    for correction in list(volunteer.corrections):
        if correction.area == area:
            volunteer.corrections.remove(correction)
    _touch(volunteer)
    db.session.flush()
