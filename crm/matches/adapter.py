"""Models → the matching engine's dataclasses: in bulk from column tuples, or one at a time."""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import selectinload

from crm.branches.models import Branch
from crm.extensions import db
from crm.matches import skills
from crm.matching import (
    EXPERIENCE_LEVELS,
    LANGUAGE_LEVELS,
    TRAVEL_MODES,
    Availability,
    Candidate,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
    language_rank,
)
from crm.matching.model import best_per_area
from crm.projects.models import (
    Need,
    NeedCountry,
    NeedLanguage,
    NeedSkill,
)
from crm.projects.services import need_open_condition
from crm.volunteers.models import Volunteer, VolunteerCountry, VolunteerLanguage, VolunteerSkill
from crm.volunteers.services import current_consent_condition, shares_with_branch_condition

KEY_WIDTH = 10  # engine ids are zero-padded, so the engine's string order is the numeric order


def key(model_id: int) -> str:
    """The engine id of a volunteer or need: "0000000042" for 42."""
    return f"{model_id:0{KEY_WIDTH}d}"


def model_id(engine_id: str) -> int:
    """The database id behind an engine id."""
    return int(engine_id)


# --- single values, tolerant of bad stored data (unknown rather than an error) ---


def _skill(area: str, level: int | None, confidence: float | None, source: str) -> Skill | None:
    if not area or level not in EXPERIENCE_LEVELS:
        return None
    confidence = min(1.0, max(0.0, float(confidence if confidence is not None else 1.0)))
    return Skill(area, level, confidence, "text" if source == "text" else "declared")


def _language(code: str, level: str | None) -> Language:
    return Language(code, level if level in LANGUAGE_LEVELS else None)


def _travel(mode: str | None) -> str | None:
    return mode if mode in TRAVEL_MODES else None


def _availability(
    start: date | None, end: date | None, hours: int | None, travel: str | None
) -> Availability | None:
    if start is None and end is None and hours is None and _travel(travel) is None:
        return None
    return Availability(start, end, hours, _travel(travel))


def _need_spec(
    need_id: int,
    start: date | None,
    end: date | None,
    hours: int | None,
    travel: str | None,
    skills: Iterable[tuple[str, int, int]],
    languages: Iterable[tuple[str, str, bool]],
    countries: Iterable[str],
) -> NeedSpec:
    return NeedSpec(
        id=key(need_id),
        skills=tuple(
            SkillRequirement(area, min_level, float(weight))
            for area, min_level, weight in skills
            if min_level in EXPERIENCE_LEVELS and weight and weight > 0
        ),
        languages=tuple(
            LanguageRequirement(code, min_level, bool(required))
            for code, min_level, required in languages
            if min_level in LANGUAGE_LEVELS
        ),
        countries=frozenset(countries),
        start=start,
        end=end,
        hours_per_month=hours,
        travel=_travel(travel),
    )


# --- one object at a time (a profile or a need being saved) ---


def candidate_for(volunteer: Volunteer) -> Candidate:
    """The engine's view of one volunteer, from the loaded model and its stored skills."""
    skills = (_skill(s.area, s.level, s.confidence, s.source) for s in volunteer.skills)
    return Candidate(
        id=key(volunteer.id),
        skills=tuple(s for s in skills if s is not None),
        languages=tuple(_language(x.code, x.level) for x in volunteer.languages),
        countries=frozenset(c.code for c in volunteer.countries),
        availability=_availability(
            volunteer.available_from,
            volunteer.available_to,
            volunteer.hours_per_month,
            volunteer.travel,
        ),
    )


def branch_experience_skills(branch: Branch) -> dict[str, Skill]:
    """area → the skill a branch's collective experience gives: an area an entry names at its
    level, and the areas read from its texts (crm.matches.skills rules) after the contact's
    corrections; one per area (crm.matching.model.best_per_area)."""
    declared = (
        _skill(e.area, e.level if e.level in EXPERIENCE_LEVELS else 1, 1.0, "declared")
        for e in branch.experience
        if e.area
    )
    readings = skills.entry_readings(branch.experience)
    used = skills.used_skills(readings, skills.corrections_of(branch.corrections))
    read = (_skill(area, level, confidence, "text") for area, (level, confidence) in used.items())
    return best_per_area(filter(None, [*declared, *read]))


def sharing_member_candidates(branch_id: int) -> list[Candidate]:
    """The branch's members who share their profile with it, as the engine sees each of them."""
    members = db.session.scalars(
        select(Volunteer)
        .where(shares_with_branch_condition(branch_id))
        .options(
            selectinload(Volunteer.skills),
            selectinload(Volunteer.languages),
            selectinload(Volunteer.countries),
        )
        .order_by(Volunteer.id)
    )
    return [candidate_for(v) for v in members]


def branch_candidate(branch: Branch, members: Sequence[Candidate] | None = None) -> Candidate:
    """The engine's one view of a branch: its collective experience (branch_experience_skills)
    and the skills, languages and countries of the members who share their profile with it
    (`members`, else sharing_member_candidates). The scorer counts the best skill in an area.

    A branch has no availability: period, hours and travel count as unknown.
    """
    members = sharing_member_candidates(branch.id) if members is None else members
    own = branch_experience_skills(branch)
    theirs = {s for m in members for s in m.skills}
    languages: dict[str, Language] = {}
    for language in (x for m in members for x in m.languages):
        held = languages.get(language.code)
        if held is None or _rank(language) > _rank(held):
            languages[language.code] = language
    return Candidate(
        id=f"branch-{branch.id}",
        skills=(*(own[area] for area in sorted(own)), *sorted(theirs, key=_skill_order)),
        languages=tuple(languages[code] for code in sorted(languages)),
        countries=frozenset(c for m in members for c in m.countries),
        availability=None,
    )


def _rank(language: Language) -> int:
    return language_rank(language.level) if language.level else 0


def _skill_order(skill: Skill) -> tuple:
    return (skill.area, -skill.level, -skill.confidence, skill.source)


def need_spec_for(need: Need) -> NeedSpec:
    """The engine's view of one need, from the loaded model."""
    return _need_spec(
        need.id,
        need.period_from,
        need.period_to,
        need.hours_per_month,
        need.travel,
        ((s.area, s.min_level, s.weight) for s in need.skills),
        ((x.code, x.min_level, x.required) for x in need.languages),
        (c.code for c in need.countries),
    )


# --- in bulk, from column tuples (no ORM objects) ---


def _rows(*columns) -> list:
    """Plain tuples through the Core connection (no ORM row processing: much faster in bulk)."""
    where = columns[-1]
    statement = select(*[c.expression for c in columns[:-1]]).where(where)
    return db.session.connection().execute(statement).all()


def consented_candidates(volunteer_ids: Sequence[int] | None = None) -> list[Candidate]:
    """Every volunteer with current consent (or those of `volunteer_ids` who have it) as a
    Candidate, read with four column queries.

    Equal skills, languages and availabilities are built once and shared (they are frozen).
    """
    which = current_consent_condition()
    if volunteer_ids is not None:
        which = and_(which, Volunteer.id.in_(list(volunteer_ids)))
    consented = select(Volunteer.id).where(which).scalar_subquery()
    made: dict[tuple, object] = {}  # (kind, *values) → the shared frozen object

    skills: dict[int, list[Skill]] = defaultdict(list)
    for vid, area, level, confidence, source in _rows(
        VolunteerSkill.volunteer_id,
        VolunteerSkill.area,
        VolunteerSkill.level,
        VolunteerSkill.confidence,
        VolunteerSkill.source,
        VolunteerSkill.volunteer_id.in_(consented),
    ):
        skill = made.get(("s", area, level, confidence, source), made)
        if skill is made:
            skill = made[("s", area, level, confidence, source)] = _skill(
                area, level, confidence, source
            )
        if skill is not None:
            skills[vid].append(skill)
    languages: dict[int, list[Language]] = defaultdict(list)
    for vid, code, level in _rows(
        VolunteerLanguage.volunteer_id,
        VolunteerLanguage.code,
        VolunteerLanguage.level,
        VolunteerLanguage.volunteer_id.in_(consented),
    ):
        language = made.get(("l", code, level), made)
        if language is made:
            language = made[("l", code, level)] = _language(code, level)
        languages[vid].append(language)
    countries: dict[int, set[str]] = defaultdict(set)
    for vid, code in _rows(
        VolunteerCountry.volunteer_id,
        VolunteerCountry.code,
        VolunteerCountry.volunteer_id.in_(consented),
    ):
        countries[vid].add(code)
    volunteers = _rows(
        Volunteer.id,
        Volunteer.available_from,
        Volunteer.available_to,
        Volunteer.hours_per_month,
        Volunteer.travel,
        which,
    )
    empty = frozenset()
    return [
        Candidate(
            id=key(vid),
            skills=tuple(sorted(skills[vid], key=_by_area)) if vid in skills else (),
            languages=tuple(sorted(languages[vid], key=_by_code)) if vid in languages else (),
            countries=frozenset(countries[vid]) if vid in countries else empty,
            availability=_availability(start, end, hours, travel),
        )
        for vid, start, end, hours, travel in volunteers
    ]


def _by_area(skill: Skill) -> str:
    return skill.area


def _by_code(language: Language) -> str:
    return language.code


def open_need_specs(public: bool = False, need_ids: Iterable[int] | None = None) -> list[NeedSpec]:
    """Every open need (optionally only these ids) as a NeedSpec, ordered by id."""
    where = [need_open_condition(public)]
    if need_ids is not None:
        where.append(Need.id.in_(list(need_ids)))
    needs = db.session.execute(
        select(Need.id, Need.period_from, Need.period_to, Need.hours_per_month, Need.travel)
        .where(*where)
        .order_by(Need.id)
    ).all()
    ids = select(Need.id).where(*where)
    skills: dict[int, list] = defaultdict(list)
    for nid, *row in db.session.execute(
        select(NeedSkill.need_id, NeedSkill.area, NeedSkill.min_level, NeedSkill.weight)
        .where(NeedSkill.need_id.in_(ids))
        .order_by(NeedSkill.id)
    ):
        skills[nid].append(row)
    languages: dict[int, list] = defaultdict(list)
    for nid, *row in db.session.execute(
        select(
            NeedLanguage.need_id, NeedLanguage.code, NeedLanguage.min_level, NeedLanguage.required
        )
        .where(NeedLanguage.need_id.in_(ids))
        .order_by(NeedLanguage.id)
    ):
        languages[nid].append(row)
    countries: dict[int, list[str]] = defaultdict(list)
    for nid, code in db.session.execute(
        select(NeedCountry.need_id, NeedCountry.code).where(NeedCountry.need_id.in_(ids))
    ):
        countries[nid].append(code)
    return [
        _need_spec(nid, start, end, hours, travel, skills[nid], languages[nid], countries[nid])
        for nid, start, end, hours, travel in needs
    ]
