"""Skills found in a volunteer's free-text experience, stored as VolunteerSkill(source="text").

Declared rows (crm/volunteers/services.py declared_skills) are never touched here: a declared
area beats anything read from text. Per area the text skill with the highest level wins, then
the highest confidence; an entry without a level counts as level 1.
"""

from collections.abc import Iterable

from sqlalchemy import delete, insert, select

from crm.extensions import db
from crm.matching import EXPERIENCE_LEVELS, Skill, load_normaliser
from crm.matching.model import best_per_area
from crm.matching.normalise import AreaMatch
from crm.volunteers.models import ExperienceEntry, Volunteer, VolunteerSkill

TEXT = "text"

Best = dict[str, tuple[int, float]]  # area → (level, confidence)


def _level(level: int | None) -> int:
    return level if level in EXPERIENCE_LEVELS else 1


def best_text_skills(found: Iterable[tuple[int | None, list[AreaMatch]]]) -> Best:
    """(entry level, areas found in its text) pairs → the best (level, confidence) per area."""
    skills = (
        Skill(match.area, _level(level), round(match.confidence, 3), TEXT)
        for level, areas in found
        for match in areas
    )
    return {area: (s.level, s.confidence) for area, s in best_per_area(skills).items()}


def derive_text_skills(volunteer: Volunteer) -> int:
    """Rebuild one volunteer's text skills from their experience entries; returns how many."""
    normaliser = load_normaliser()
    best = best_text_skills(
        (entry.level, normaliser.normalise(entry.description))
        for entry in volunteer.experience
        if entry.description and entry.description.strip()
    )
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
        select(ExperienceEntry.volunteer_id, ExperienceEntry.level, ExperienceEntry.description)
        .where(ExperienceEntry.description != "")
        .order_by(ExperienceEntry.volunteer_id, ExperienceEntry.id)
    ).all()
    texts = sorted({text for _vid, _level, text in entries if text.strip()})
    found = dict(zip(texts, load_normaliser().normalise_many(texts), strict=True))
    by_volunteer: dict[int, list[tuple[int | None, list[AreaMatch]]]] = {}
    for vid, level, text in entries:
        if found.get(text):
            by_volunteer.setdefault(vid, []).append((level, found[text]))
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
        for area, (lv, conf) in best_text_skills(pairs).items()
        if (vid, area) not in declared
    ]
    db.session.execute(delete(VolunteerSkill).where(VolunteerSkill.source == TEXT))
    for start in range(0, len(rows), 5000):
        db.session.execute(insert(VolunteerSkill), rows[start : start + 5000])
    return len(rows)
