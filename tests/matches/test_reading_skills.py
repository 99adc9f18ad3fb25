"""Text skills take the level and years read from the text; the volunteer's correction wins."""

import pytest
from sqlalchemy import select

from crm.matches import skills
from crm.matches.skills import Reading, Stated, read_areas, used_skills
from crm.matching.normalise import AreaMatch
from crm.models import ExperienceEntry, VolunteerSkill
from crm.volunteers.models import SkillCorrection


def test_the_level_and_years_read_from_free_text_are_used():
    found = [(Stated(), [AreaMatch("campaigning", 0.9, level=3, years=8)])]
    assert read_areas(found) == {"campaigning": Reading("campaigning", 3, 0.9, 8)}


def test_an_entry_states_level_and_years_for_its_own_area_only():
    found = [
        (
            Stated(area="campaigning", level=4, years=10),
            [
                AreaMatch("campaigning", 1.0, level=2, years=3),
                AreaMatch("communication", 0.9, level=2, years=None),
            ],
        )
    ]
    read = read_areas(found)
    assert read["campaigning"] == Reading("campaigning", 4, 1.0, 10)
    assert read["communication"] == Reading("communication", 2, 0.9, None)  # not the entry's 4


def test_an_entry_of_free_text_alone_states_them_for_every_area_it_names():
    found = [(Stated(level=2, years=5), [AreaMatch("sdgs", 0.9, 4), AreaMatch("campaigning", 1.0)])]
    assert {r.area: (r.level, r.years) for r in read_areas(found).values()} == {
        "sdgs": (2, 5),
        "campaigning": (2, 5),
    }


def test_best_level_then_confidence_and_the_most_years_across_entries():
    found = [
        (Stated(), [AreaMatch("sdgs", 0.95, level=2, years=12)]),
        (Stated(), [AreaMatch("sdgs", 0.88, level=3, years=4)]),
        (Stated(), [AreaMatch("sdgs", 0.99, level=3)]),
        (Stated(), [AreaMatch("campaigning", 0.9, level=7)]),  # nonsense from the engine → 1
    ]
    read = read_areas(found)
    assert read["sdgs"] == Reading("sdgs", 3, 0.99, 12)
    assert read["campaigning"].level == 1


def test_corrections_win_over_the_reading():
    readings = {area: Reading(area, 2, 0.9) for area in ("sdgs", "campaigning", "communication")}
    readings["human-rights"] = Reading("human-rights", 3, 0.88)
    corrections = {
        "sdgs": ("confirm", None),
        "campaigning": ("change", 4),
        "communication": ("remove", None),
        "local-democracy": ("remove", None),  # not read: waits, harmlessly
    }
    assert used_skills(readings, corrections) == {
        "sdgs": (2, 1.0),
        "campaigning": (4, 1.0),
        "human-rights": (3, 0.88),
    }


class FakeNormaliser:
    """Reads fixed areas, levels and years from known texts."""

    READS = {
        "ledet valgkampe i 8 år": [AreaMatch("campaigning", 0.92, level=4, years=8)],
        "lidt om verdensmål og klima": [
            AreaMatch("sdgs", 0.9, level=1),
            AreaMatch("climate-environment", 0.88, level=2),
        ],
    }

    def normalise(self, text):
        return self.READS.get(text, [])

    def normalise_many(self, texts):
        return [self.normalise(text) for text in texts]


@pytest.fixture()
def fake_reading(monkeypatch):
    monkeypatch.setattr(skills, "load_normaliser", FakeNormaliser)


def stored(db, volunteer_ids) -> list[tuple]:
    return sorted(
        (s.volunteer_id, s.area, s.level, s.confidence, s.source)
        for s in db.session.scalars(
            select(VolunteerSkill).where(VolunteerSkill.volunteer_id.in_(volunteer_ids))
        )
    )


def test_single_and_bulk_derivation_apply_the_reading_and_the_corrections_alike(
    fake_reading, make_volunteer, db
):
    a, b = make_volunteer(), make_volunteer()
    for v in (a, b):
        v.experience = [
            ExperienceEntry(description="ledet valgkampe i 8 år"),
            ExperienceEntry(area="sdgs", level=3, description="lidt om verdensmål og klima"),
        ]
        v.skills = [VolunteerSkill(area="sdgs", level=3, source="declared")]
    b.corrections = [
        SkillCorrection(area="campaigning", action="change", level=2),
        SkillCorrection(area="climate-environment", action="remove"),
        SkillCorrection(area="sdgs", action="remove"),  # declared: the correction cannot touch it
    ]
    db.session.commit()
    for v in (a, b):
        skills.derive_text_skills(v)
    db.session.commit()
    single = stored(db, [a.id, b.id])
    assert single == [
        (a.id, "campaigning", 4, 0.92, "text"),
        (a.id, "climate-environment", 2, 0.88, "text"),
        (a.id, "sdgs", 3, 1.0, "declared"),
        (b.id, "campaigning", 2, 1.0, "text"),
        (b.id, "sdgs", 3, 1.0, "declared"),
    ]
    assert skills.derive_all_text_skills() == 3
    db.session.commit()
    assert stored(db, [a.id, b.id]) == single


def test_the_read_back_leaves_declared_areas_out_and_keeps_removed_ones(
    fake_reading, make_volunteer, db
):
    v = make_volunteer()
    v.experience = [
        ExperienceEntry(description="ledet valgkampe i 8 år"),
        ExperienceEntry(area="sdgs", level=3, description="lidt om verdensmål og klima"),
    ]
    v.skills = [VolunteerSkill(area="sdgs", level=3, source="declared")]
    v.corrections = [SkillCorrection(area="climate-environment", action="remove")]
    db.session.commit()
    rows = skills.read_back(v)
    assert [(r.area, r.level, r.reading.years, r.action) for r in rows] == [
        ("campaigning", 4, 8, None),
        ("climate-environment", 2, None, "remove"),
    ]
    assert rows[1].removed and not rows[0].removed
