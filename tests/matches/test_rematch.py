"""`flask rematch` rescores everything, stores the best rows, prints counts, no personal data."""

from datetime import date

import pytest
from sqlalchemy import func, select

from crm.matches import pool_cache
from crm.matches.models import NeedMatchSummary
from crm.models import ExperienceEntry, Match, VolunteerLanguage, VolunteerSkill


@pytest.fixture(autouse=True)
def fresh_pool(app, monkeypatch):
    monkeypatch.setitem(app.config, "MATCH_STORE_TOP", 3)
    pool_cache.forget_pool()
    yield
    pool_cache.forget_pool()


def test_rematch_command(runner, db, make_need, make_volunteer):
    needs = [
        make_need(),
        make_need(skills=(("energy-transition", 2, 2),)),
        make_need(status="closed"),
    ]
    people = []
    for i in range(6):
        v = make_volunteer(
            first_name="Privat",
            last_name=f"Person{i}",
            available_from=date(2027, 1, 1),
            available_to=date(2027, 12, 31),
        )
        v.experience = [
            ExperienceEntry(level=3, description="Jeg har arbejdet med energiomstiling")
        ]
        v.languages = [VolunteerLanguage(code="en", level="C1" if i % 2 else "A2")]
        people.append(v)
    db.session.commit()
    # a leftover suggestion on the closed need is removed; a placed match there is kept
    db.session.add_all(
        [
            Match(need_id=needs[2].id, volunteer_id=people[0].id, score=10.0),
            Match(need_id=needs[2].id, volunteer_id=people[1].id, score=10.0, state="placed"),
        ]
    )
    db.session.commit()

    result = runner.invoke(args=["rematch"])
    assert result.exit_code == 0, result.output
    output = result.output
    assert "Rematched 2 open needs against 6 consented volunteers in" in output
    assert "6 skills read from free text" in output
    assert "12 matches inserted" in output and "1 matches removed" in output
    assert "Privat" not in output and "Person" not in output and "@" not in output

    db.session.expire_all()
    text_skills = db.session.scalars(select(VolunteerSkill).where(VolunteerSkill.source == "text"))
    assert {s.area for s in text_skills} == {"energy-transition"}
    for need in needs[:2]:
        counts = dict(
            db.session.execute(
                select(Match.excluded, func.count())
                .where(Match.need_id == need.id)
                .group_by(Match.excluded)
            ).all()
        )
        assert counts == {False: 3, True: 3}
        summary = db.session.get(NeedMatchSummary, need.id)
        assert (summary.candidates, summary.excluded) == (3, 3)
    energy = db.session.scalars(
        select(Match).where(Match.need_id == needs[1].id, Match.excluded.is_(False))
    ).all()
    assert all(
        any(f["factor"] == "text_skill" for f in m.explanation) and m.score > 0 for m in energy
    )
    closed = db.session.scalars(select(Match).where(Match.need_id == needs[2].id)).all()
    assert [m.state for m in closed] == ["placed"]

    again = runner.invoke(args=["rematch", "--skip-text-skills"])
    assert "0 matches inserted" in again.output and "12 matches re-scored" in again.output


def test_demo_data_ends_with_a_rematch(runner, db):
    result = runner.invoke(args=["demo-data", "--volunteers", "30", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "Rematched" in result.output and "matches inserted" in result.output
    assert db.session.scalar(select(func.count()).select_from(Match)) > 0
    text = select(func.count()).where(VolunteerSkill.source == "text")
    assert db.session.scalar(text) > 0
    assert db.session.scalar(select(func.count()).select_from(NeedMatchSummary)) > 0
