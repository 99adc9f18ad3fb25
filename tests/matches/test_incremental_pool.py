"""The per-process pool follows profile changes from the database and ranks like a full rematch."""

from datetime import date

import pytest
from sqlalchemy import select, update

from crm.matches import pool_cache, refresh, skills
from crm.matches.consent import consent_withdrawn
from crm.models import Match, Volunteer, VolunteerLanguage, VolunteerSkill
from crm.rights import erasure
from crm.volunteers import services


@pytest.fixture(autouse=True)
def top_three(app, monkeypatch):
    """Store the best three candidates and the best three excluded volunteers per need."""
    monkeypatch.setitem(app.config, "MATCH_STORE_TOP", 3)


@pytest.fixture()
def crowd(db, make_volunteer):
    """Eight volunteers with local democracy at levels 1-4, half of them with English."""
    people = []
    for i in range(8):
        v = make_volunteer(available_from=date(2027, 1, 1), available_to=date(2027, 12, 31))
        v.skills = [VolunteerSkill(area="local-democracy", level=1 + i % 4, source="declared")]
        v.languages = [VolunteerLanguage(code="da", level="native")]
        if i % 2:
            v.languages.append(VolunteerLanguage(code="en", level="C1"))
        people.append(v)
    db.session.commit()
    return people


def stored(db) -> set[tuple]:
    """(need, volunteer, score, excluded) of every stored match."""
    db.session.expire_all()
    rows = db.session.execute(
        select(Match.need_id, Match.volunteer_id, Match.score, Match.excluded)
    ).all()
    return {tuple(row) for row in rows}


def save_needs(db, needs) -> None:
    """What saving each need does: re-rank it against the process's pool."""
    for need in needs:
        refresh.refresh_need(db.session.get(type(need), need.id))
    db.session.commit()


def test_profile_and_consent_changes_reach_the_pool_without_a_full_read(
    db, crowd, make_need, make_volunteer
):
    needs = [make_need(), make_need(languages=(("en", "B2", False),))]
    refresh.rematch_all(derive_skills=False)
    db.session.commit()
    before = pool_cache.candidate_pool()

    best, quitter, erased, latecomer = crowd[0], crowd[1], crowd[2], crowd[3]
    best = db.session.get(Volunteer, best.id)
    services.replace_languages(best, [("da", "native"), ("en", "C2")])
    best.skills[0].level = 4
    services.update_availability(
        best, available_from=date(2027, 2, 1), available_to=None, hours_per_month=20, travel=""
    )
    db.session.commit()
    quitter = db.session.get(Volunteer, quitter.id)
    services.withdraw_consent(quitter)
    consent_withdrawn(quitter, None)
    db.session.commit()
    erasure.erase(db.session.get(Volunteer, erased.id))
    db.session.commit()
    newcomer = make_volunteer()
    newcomer.skills = [VolunteerSkill(area="local-democracy", level=4, source="declared")]
    newcomer.languages = [VolunteerLanguage(code="en", level="native")]
    db.session.commit()
    db.session.execute(  # had not consented to the text in force, now does
        update(Volunteer).where(Volunteer.id == latecomer.id).values(consent_version="2019-01")
    )
    db.session.commit()

    save_needs(db, needs)
    after = pool_cache.candidate_pool()
    assert after.base is before.base  # read incrementally: the first read's arrays are shared
    keys = {c.id for c in after.candidates}
    assert f"{newcomer.id:010d}" in keys and f"{best.id:010d}" in keys
    assert not keys & {f"{v.id:010d}" for v in (quitter, erased, latecomer)}
    incremental = stored(db)
    assert any(vid == newcomer.id for _n, vid, _s, _e in incremental)

    refresh.rematch_all(derive_skills=False)  # a full read, from scratch
    db.session.commit()
    assert stored(db) == incremental


def test_a_change_made_by_another_process_is_seen(db, crowd, make_need):
    """No in-process signal: a plain SQL update (as another worker would commit) is found."""
    need = make_need()
    save_needs(db, [need])
    before = pool_cache.candidate_pool()
    db.session.execute(
        update(VolunteerSkill).where(VolunteerSkill.volunteer_id == crowd[0].id).values(level=4)
    )
    services._touch(db.session.get(Volunteer, crowd[0].id))
    db.session.commit()
    assert pool_cache.candidate_pool().find(f"{crowd[0].id:010d}").skills[0].level == 4
    assert before.find(f"{crowd[0].id:010d}").skills[0].level == 1


def test_bulk_text_skills_and_a_deleted_row_read_the_pool_whole(db, crowd, make_need):
    save_needs(db, [make_need()])
    first = pool_cache.candidate_pool()
    skills.derive_all_text_skills()  # stamps no profile: its PoolReset row tells every process
    db.session.commit()
    second = pool_cache.candidate_pool()
    assert second.base is not first.base
    assert pool_cache.candidate_pool().base is second.base
    db.session.delete(db.session.get(Volunteer, crowd[5].id))  # no stamp: the count tells
    db.session.commit()
    third = pool_cache.candidate_pool()
    assert third.base is not second.base
    assert len(third) == len(crowd) - 1
