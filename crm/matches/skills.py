"""Skills found in a volunteer's free-text experience, stored as VolunteerSkill(source="text").

The rules, in order:
1. Reading. Each area the normaliser finds in an entry's text gets the level and years read from
   that text (AreaMatch.level / .years), except where the entry itself states them for that area:
   an entry with a chosen area speaks for that area only, an entry of free text alone for every
   area its text names. An area read from several entries keeps its best level, then its best
   confidence; its years are the most any entry states.
2. Correction. The volunteer's SkillCorrection for the area wins over the reading: "remove" drops
   it for good, "change" uses the volunteer's level, "confirm" says the area is right and keeps
   the level read (which follows later edits of the text; "change" fixes it). After a confirm or
   a change the area is the volunteer's own statement (confidence 1.0). A correction for an area
   that is no longer read waits, unused and unshown.
3. Declared rows (crm/volunteers/services.py declared_skills) are never touched here: a declared
   area beats anything read from text, and is not shown as read.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from crm.extensions import db
from crm.matches.models import PoolReset
from crm.matching import EXPERIENCE_LEVELS, load_normaliser
from crm.matching.normalise import AreaMatch
from crm.volunteers.models import (
    CorrectionAction,
    ExperienceEntry,
    SkillCorrection,
    Volunteer,
    VolunteerSkill,
)

TEXT = "text"
OWN_STATEMENT = 1.0
"""The confidence of an area the volunteer confirmed or gave a level to."""


@dataclass(frozen=True)
class Stated:
    """What an entry states itself, besides its text: its chosen area, level and years."""

    area: str | None = None
    level: int | None = None
    years: int | None = None


@dataclass(frozen=True)
class Reading:
    """One area read from the volunteer's text: its level (1–4), how sure, years where stated."""

    area: str
    level: int
    confidence: float
    years: int | None = None


@dataclass(frozen=True)
class ReadBack:
    """An area read from the text as the volunteer is shown it: the reading and their word on it."""

    reading: Reading
    action: str | None  # a CorrectionAction, or None when not corrected
    level: int  # the level used for matching (the reading's own when removed)

    @property
    def area(self) -> str:
        return self.reading.area

    @property
    def removed(self) -> bool:
        return self.action == CorrectionAction.REMOVE


Corrections = Mapping[str, tuple[str, int | None]]  # area → (action, level)


def _level(level: int | None) -> int:
    return level if level in EXPERIENCE_LEVELS else 1


def read_areas(found: Iterable[tuple[Stated, list[AreaMatch]]]) -> dict[str, Reading]:
    """(what an entry states, areas found in its text) pairs → one Reading per area (rule 1)."""
    best: dict[str, tuple[int, float]] = {}
    most_years: dict[str, int] = {}
    for stated, matches in found:
        for match in matches:
            own = stated.area in (None, match.area)
            level = stated.level if own and stated.level in EXPERIENCE_LEVELS else match.level
            years = stated.years if own and stated.years is not None else match.years
            candidate = (_level(level), round(match.confidence, 3))
            if candidate > best.get(match.area, (0, 0.0)):
                best[match.area] = candidate
            if years is not None:
                most_years[match.area] = max(years, most_years.get(match.area, years))
    return {
        area: Reading(area, level, confidence, most_years.get(area))
        for area, (level, confidence) in best.items()
    }


def corrected(
    reading: Reading, correction: tuple[str, int | None] | None
) -> tuple[int, float] | None:
    """The (level, confidence) used for matching once corrected; None when removed."""
    if correction is None:
        return reading.level, reading.confidence
    action, level = correction
    if action == CorrectionAction.REMOVE:
        return None
    if action == CorrectionAction.CHANGE and level in EXPERIENCE_LEVELS:
        return level, OWN_STATEMENT
    return reading.level, OWN_STATEMENT


def used_skills(
    readings: Mapping[str, Reading], corrections: Corrections
) -> dict[str, tuple[int, float]]:
    """area → (level, confidence) used for matching: the readings after corrections (rule 2)."""
    used = {area: corrected(reading, corrections.get(area)) for area, reading in readings.items()}
    return {area: skill for area, skill in used.items() if skill is not None}


def entry_readings(entries: Iterable) -> dict[str, Reading]:
    """The readings of experience entries (a volunteer's or a branch's: each has area, level,
    years and description) by rule 1; entries without text give none."""
    normaliser = load_normaliser()
    return read_areas(
        (Stated(entry.area, entry.level, entry.years), normaliser.normalise(entry.description))
        for entry in entries
        if entry.description and entry.description.strip()
    )


def corrections_of(rows: Iterable) -> dict[str, tuple[str, int | None]]:
    """area → (action, level) of correction rows (a SkillCorrection or BranchSkillCorrection)."""
    return {c.area: (c.action, c.level) for c in rows}


def read_back_rows(
    readings: Mapping[str, Reading], corrections: Corrections, declared: Iterable[str] = ()
) -> list[ReadBack]:
    """The read areas as shown back with their corrections, best first; declared areas are left
    out (declared wins; rule 3). Shared by the volunteer's and the branch's pages."""
    declared = set(declared)
    rows = []
    for area, reading in readings.items():
        if area in declared:
            continue
        correction = corrections.get(area)
        used = corrected(reading, correction)
        action = correction[0] if correction else None
        rows.append(ReadBack(reading, action, used[0] if used else reading.level))
    return sorted(rows, key=lambda r: (-r.reading.level, -r.reading.confidence, r.area))


def read_back(volunteer: Volunteer) -> list[ReadBack]:
    """The areas read from the volunteer's text, with their corrections, best first."""
    declared = {skill.area for skill in volunteer.skills if skill.source != TEXT}
    return read_back_rows(
        entry_readings(volunteer.experience), corrections_of(volunteer.corrections), declared
    )


def derive_text_skills(volunteer: Volunteer) -> int:
    """Rebuild one volunteer's text skills from their entries and corrections; returns how many."""
    best = used_skills(entry_readings(volunteer.experience), corrections_of(volunteer.corrections))
    current = {skill.area: skill for skill in volunteer.skills}
    for area, skill in current.items():
        if skill.source == TEXT and area not in best:
            volunteer.skills.remove(skill)
    count = 0
    for area, (level, confidence) in best.items():
        skill = current.get(area)
        if skill is None:
            volunteer.skills.append(
                VolunteerSkill(area=area, level=level, confidence=confidence, source=TEXT)
            )
        elif skill.source == TEXT:
            skill.level, skill.confidence = level, confidence
        else:
            continue
        count += 1
    db.session.flush()
    return count


def derive_all_text_skills() -> int:
    """Rebuild every volunteer's text skills in bulk (distinct texts normalised once); how many."""
    entries = db.session.execute(
        select(
            ExperienceEntry.volunteer_id,
            ExperienceEntry.area,
            ExperienceEntry.level,
            ExperienceEntry.years,
            ExperienceEntry.description,
        )
        .where(ExperienceEntry.description != "")
        .order_by(ExperienceEntry.volunteer_id, ExperienceEntry.id)
    ).all()
    texts = sorted({row.description for row in entries if row.description.strip()})
    found = dict(zip(texts, load_normaliser().normalise_many(texts), strict=True))
    by_volunteer: dict[int, list[tuple[Stated, list[AreaMatch]]]] = {}
    for vid, area, level, years, text in entries:
        if found.get(text):
            by_volunteer.setdefault(vid, []).append((Stated(area, level, years), found[text]))
    corrections: dict[int, dict[str, tuple[str, int | None]]] = {}
    for vid, area, action, level in db.session.execute(
        select(
            SkillCorrection.volunteer_id,
            SkillCorrection.area,
            SkillCorrection.action,
            SkillCorrection.level,
        )
    ):
        corrections.setdefault(vid, {})[area] = (action, level)
    declared = {
        (vid, area)
        for vid, area in db.session.execute(
            select(VolunteerSkill.volunteer_id, VolunteerSkill.area).where(
                VolunteerSkill.source != TEXT
            )
        )
    }
    rows = [
        {"volunteer_id": vid, "area": area, "level": lv, "confidence": conf, "source": TEXT}
        for vid, pairs in by_volunteer.items()
        for area, (lv, conf) in used_skills(read_areas(pairs), corrections.get(vid, {})).items()
        if (vid, area) not in declared
    ]
    db.session.execute(delete(VolunteerSkill).where(VolunteerSkill.source == TEXT))
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(VolunteerSkill), rows[start : start + 5000])
    db.session.add(PoolReset())  # no updated_at changed: every process's pool is rebuilt
    db.session.flush()
    return len(rows)
