"""Corrections of what was read from an owner's text, one rule for a volunteer and a branch:
confirm an area, change its level, remove it, or undo the correction.

A volunteer's and a branch's corrections are tables of the same shape (SkillCorrection,
BranchSkillCorrection) on the owner's `corrections` list; crm/matches/skills.py applies them.
Every change marks the owner row changed, so its version (optimistic locking) is checked and
bumped on flush.
"""

from collections.abc import Callable, Iterable

from flask import abort
from flask_wtf import FlaskForm
from sqlalchemy import inspect

from crm.branches.models import Branch, BranchSkillCorrection
from crm.converters import read_int
from crm.database import utcnow
from crm.extensions import db
from crm.locking import StaleEdit, refuse_stale
from crm.matching import EXPERIENCE_LEVELS
from crm.volunteers.models import CorrectionAction, SkillCorrection, Volunteer

Owner = Volunteer | Branch
Correction = SkillCorrection | BranchSkillCorrection


def _touch(owner: Owner) -> None:
    owner.updated_at = utcnow()


def correct_area(owner: Owner, area: str, action: str, level: int | None = None) -> Correction:
    """Record the owner's word on one area read from their text; it replaces any earlier one.

    The caller makes sure the area is one read from the owner's own text (and, for a volunteer,
    re-derives the text skills).
    """
    action = CorrectionAction(action)
    if action == CorrectionAction.CHANGE:
        if level not in EXPERIENCE_LEVELS:
            raise ValueError("a changed level must be 1-4")
    else:
        level = None
    correction = next((c for c in owner.corrections if c.area == area), None)
    if correction is None:
        correction_class = inspect(type(owner)).relationships["corrections"].mapper.class_
        correction = correction_class(area=area)
        owner.corrections.append(correction)
    correction.action, correction.level, correction.at = action, level, utcnow()
    _touch(owner)
    db.session.flush()
    return correction


def undo_correction(owner: Owner, area: str) -> None:
    """Forget the owner's correction of one area: the reading of their text counts again."""
    for correction in list(owner.corrections):
        if correction.area == area:
            owner.corrections.remove(correction)
    _touch(owner)
    db.session.flush()


def save_correction(
    owner: Owner,
    form: FlaskForm,
    read_areas: Callable[[], Iterable[str]],
    then: Callable[[], None] | None = None,
) -> bool:
    """The correction POST's shared part: apply the validated form (area, action, level,
    version) on the owner, run `then`, and commit; False, rolled back, when the edit is stale.

    Answers 404 for an area not read from the owner's text and 400 for a bad level.
    """
    area, action = form.area.data, form.action.data
    try:
        with refuse_stale(owner, form.version.data):
            if area not in set(read_areas()):
                abort(404)  # only an area read from the owner's own text can be corrected
            if action == "undo":
                undo_correction(owner, area)
            else:
                level = read_int(form.level.data, 1, 4) if action == "change" else None
                correct_area(owner, area, action, level)
            if then is not None:
                then()
            db.session.commit()
    except ValueError:
        db.session.rollback()
        abort(400)
    except StaleEdit:
        db.session.rollback()
        return False
    return True
