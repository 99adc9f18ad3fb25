"""The adapter turns models into the engine's dataclasses; text skills come from free text."""

from datetime import date

from sqlalchemy import select

from crm.matches import adapter, skills
from crm.matching import (
    Availability,
    Candidate,
    Language,
    LanguageRequirement,
    NeedSpec,
    Skill,
    SkillRequirement,
)
from crm.models import (
    ExperienceEntry,
    NeedCountry,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)


def full_volunteer(make_volunteer, db, **fields):
    """A consented volunteer with one declared skill, languages, countries and availability."""
    fields.setdefault("available_from", date(2027, 1, 1))
    fields.setdefault("available_to", date(2027, 12, 31))
    fields.setdefault("hours_per_month", 10)
    fields.setdefault("travel", "short")
    v = make_volunteer(**fields)
    v.experience = [
        ExperienceEntry(area="local-democracy", level=3, description="Byrådsmedlem i 8 år"),
        ExperienceEntry(level=2, description="Jeg har arbejdet med energiomstiling i kommunen"),
    ]
    v.languages = [
        VolunteerLanguage(code="da", level="native"),
        VolunteerLanguage(code="en", level="C1"),
    ]
    v.countries = [VolunteerCountry(code="KE"), VolunteerCountry(code="UG")]
    v.skills = [VolunteerSkill(area="local-democracy", level=3, source="declared")]
    db.session.commit()
    skills.derive_text_skills(v)
    db.session.commit()
    return v


def test_candidate_for_builds_every_field(make_volunteer, db):
    v = full_volunteer(make_volunteer, db)
    candidate = adapter.candidate_for(v)
    assert candidate.id == adapter.key(v.id) and adapter.model_id(candidate.id) == v.id
    by_area = {s.area: s for s in candidate.skills}
    assert by_area["local-democracy"] == Skill("local-democracy", 3)  # declared wins over text
    energy = by_area["energy-transition"]
    assert (energy.level, energy.source) == (2, "text") and 0.86 <= energy.confidence < 1.0
    assert set(candidate.languages) == {Language("da", "native"), Language("en", "C1")}
    assert candidate.countries == frozenset({"KE", "UG"})
    assert candidate.availability == Availability(date(2027, 1, 1), date(2027, 12, 31), 10, "short")


def test_missing_profile_fields_are_unknown(make_volunteer, db):
    v = make_volunteer()
    assert adapter.candidate_for(v) == Candidate(id=adapter.key(v.id))


def test_bulk_candidates_equal_single_ones_and_need_consent(make_volunteer, db):
    a = full_volunteer(make_volunteer, db)
    b = full_volunteer(make_volunteer, db, travel="long", hours_per_month=None)
    c = make_volunteer()
    full_volunteer(make_volunteer, db, consent_at=None, consent_version=None)
    bulk = {x.id: x for x in adapter.consented_candidates()}
    assert set(bulk) == {adapter.key(a.id), adapter.key(b.id), adapter.key(c.id)}
    for v in (a, b, c):
        single = adapter.candidate_for(v)
        assert bulk[single.id].skills == tuple(sorted(single.skills, key=lambda s: s.area))
        assert set(bulk[single.id].languages) == set(single.languages)
        assert bulk[single.id].countries == single.countries
        assert bulk[single.id].availability == single.availability


def test_need_specs_bulk_and_single(make_need, make_project, db):
    need = make_need(
        skills=(("local-democracy", 2, 3), ("public-dialogue", 1, 1)),
        languages=(("en", "B2", True), ("fr", "B1", False)),
        hours_per_month=8,
        travel="short",
    )
    need.countries = [NeedCountry(code="KE")]
    db.session.commit()
    expected = NeedSpec(
        id=adapter.key(need.id),
        skills=(
            SkillRequirement("local-democracy", 2, 3.0),
            SkillRequirement("public-dialogue", 1, 1.0),
        ),
        languages=(LanguageRequirement("en", "B2", True), LanguageRequirement("fr", "B1", False)),
        countries=frozenset({"KE"}),
        start=date(2027, 3, 1),
        end=date(2027, 6, 30),
        hours_per_month=8,
        travel="short",
    )
    assert adapter.need_spec_for(need) == expected
    make_need(status="filled")
    make_need(project=make_project(status="closed"))
    planning = make_need(project=make_project(status="planning"))
    assert [s.id for s in adapter.open_need_specs()] == [
        need_spec.id for need_spec in (expected, adapter.need_spec_for(planning))
    ]
    assert adapter.open_need_specs()[0] == expected
    assert [s.id for s in adapter.open_need_specs(public=True)] == [expected.id]


def test_text_skills_from_danish_with_a_typo_keep_declared_rows(make_volunteer, db):
    v = make_volunteer()
    v.experience = [
        ExperienceEntry(area="campaigning", level=4, description="Valgkampleder"),
        ExperienceEntry(level=None, description="Jeg har arbejdet med energiomstiling"),
        ExperienceEntry(level=3, description="har trænet kvindelige kandidater"),
        ExperienceEntry(level=2, description="Jeg strikker gerne"),
    ]
    v.skills = [VolunteerSkill(area="campaigning", level=4, source="declared")]
    db.session.commit()
    skills.derive_text_skills(v)
    db.session.commit()
    rows = {s.area: (s.level, s.source, s.confidence) for s in v.skills}
    assert rows["campaigning"] == (4, "declared", 1.0)
    level, source, confidence = rows["energy-transition"]
    assert (level, source) == (2, "text") and 0.86 <= confidence < 1.0  # the typo costs a little
    assert rows["women-in-politics"][:2] == (3, "text")
    assert set(rows) <= {
        "campaigning",
        "energy-transition",
        "women-in-politics",
        "candidate-training",
    }

    v.experience = [ExperienceEntry(area="campaigning", level=4, description="")]
    skills.derive_text_skills(v)
    db.session.commit()
    assert [(s.area, s.source) for s in v.skills] == [("campaigning", "declared")]


def test_bulk_text_skills_equal_the_per_volunteer_ones(make_volunteer, db):
    people = [full_volunteer(make_volunteer, db) for _ in range(3)]
    before = sorted(
        db.session.execute(
            select(
                VolunteerSkill.volunteer_id,
                VolunteerSkill.area,
                VolunteerSkill.level,
                VolunteerSkill.confidence,
                VolunteerSkill.source,
            )
        ).all()
    )
    db.session.execute(VolunteerSkill.__table__.delete().where(VolunteerSkill.source == "text"))
    assert skills.derive_all_text_skills() == len([r for r in before if r.source == "text"])
    after = sorted(
        db.session.execute(
            select(
                VolunteerSkill.volunteer_id,
                VolunteerSkill.area,
                VolunteerSkill.level,
                VolunteerSkill.confidence,
                VolunteerSkill.source,
            )
        ).all()
    )
    assert after == before and len(people) == 3
