"""Stored matches: the top K per need, pinned matches kept, incremental re-scoring, consent."""

from datetime import date

import pytest
from sqlalchemy import select

from crm.auth.models import Role
from crm.database import utcnow
from crm.matches import pool_cache, refresh
from crm.matches.models import NeedMatchSummary
from crm.models import Match, VolunteerLanguage, VolunteerSkill


@pytest.fixture(autouse=True)
def top_two(app, monkeypatch):
    """Store the best two candidates and the best two excluded volunteers per need."""
    monkeypatch.setitem(app.config, "MATCH_STORE_TOP", 2)
    pool_cache.forget_pool()
    yield
    pool_cache.forget_pool()


@pytest.fixture()
def person(make_volunteer, db):
    """person(level, english=True, **fields): a volunteer with local-democracy at `level`.

    Without English (Danish only) the default need's required English excludes them.
    """

    def make(level: int, english: bool = True, **fields):
        fields.setdefault("available_from", date(2027, 1, 1))
        fields.setdefault("available_to", date(2027, 12, 31))
        v = make_volunteer(**fields)
        v.skills = [VolunteerSkill(area="local-democracy", level=level, source="declared")]
        v.languages = [VolunteerLanguage(code="da", level="native")]
        if english:
            v.languages.append(VolunteerLanguage(code="en", level="C1"))
        db.session.commit()
        return v

    return make


def stored(db, need) -> dict[int, tuple[float, bool, str]]:
    """volunteer id → (score, excluded, state) of the need's stored matches."""
    db.session.expire_all()
    rows = db.session.execute(
        select(Match.volunteer_id, Match.score, Match.excluded, Match.state).where(
            Match.need_id == need.id
        )
    )
    return {vid: (score, excluded, state) for vid, score, excluded, state in rows}


def snapshot(db) -> dict[int, tuple]:
    db.session.expire_all()
    rows = db.session.execute(select(Match.id, Match.need_id, Match.volunteer_id, Match.score))
    return {row.id: tuple(row) for row in rows}


def test_rematch_stores_the_best_k_of_each_kind_and_counts_all(db, make_need, person):
    need = make_need()
    fits = [person(level) for level in (1, 2, 3, 4)]
    out = [person(level, english=False) for level in (4, 4, 1)]
    person(4, consent_at=None, consent_version=None)  # no consent: never matched
    report = refresh.rematch_all()
    db.session.commit()
    assert (report.needs, report.volunteers) == (1, 7)
    rows = stored(db, need)
    assert {v for v, (_s, excluded, _st) in rows.items() if not excluded} == {
        fits[3].id,
        fits[2].id,
    }
    assert {v for v, (_s, excluded, _st) in rows.items() if excluded} == {out[0].id, out[1].id}
    assert rows[fits[3].id][0] > rows[fits[2].id][0] > 0
    summary = db.session.get(NeedMatchSummary, need.id)
    assert (summary.candidates, summary.excluded, summary.stored_top) == (4, 3, 2)
    match = db.session.scalar(select(Match).where(Match.volunteer_id == out[0].id))
    assert match.reasons[0]["reason"] == "language" and match.explanation

    again = refresh.rematch_all()
    db.session.commit()
    assert (again.written.inserted, again.written.updated, again.written.deleted) == (0, 4, 0)
    assert stored(db, need) == rows


def test_matches_someone_acted_on_are_kept_and_rescored(db, make_need, person):
    need = make_need()
    weak = person(1)
    for level in (3, 4):
        person(level)
    kept = [
        Match(need_id=need.id, volunteer_id=weak.id, score=1.0, state="shortlisted"),
    ]
    interested = person(1)
    kept.append(
        Match(need_id=need.id, volunteer_id=interested.id, score=1.0, interested_at=utcnow())
    )
    db.session.add_all(kept)
    db.session.commit()
    refresh.rematch_all()
    db.session.commit()
    rows = stored(db, need)
    assert rows[weak.id][2] == "shortlisted" and rows[weak.id][0] > 1.0  # re-scored
    assert rows[interested.id][0] > 1.0
    assert len(rows) == 4


def test_saving_a_profile_rescores_only_that_volunteer(client, auth, db, make_need, person):
    need, other_need = make_need(), make_need(skills=(("campaigning", 1, 1),))
    best, second = person(4), person(3)
    climber = person(1, email="climber@example.org")
    refresh.rematch_all()
    db.session.commit()
    assert climber.id not in stored(db, need)
    before = snapshot(db)
    auth.login("climber@example.org")
    response = client.post(
        "/me/profile/experience",
        data={
            "version": str(db.session.get(type(climber), climber.id).version),
            "entries-0-area": "local-democracy",
            "entries-0-level": "4",
            "entries-0-years": "10",
            "entries-0-description": "",
        },
    )
    assert response.status_code == 302
    after = snapshot(db)
    rows = stored(db, need)
    assert climber.id in rows and best.id in rows
    assert second.id not in rows  # pushed out of the best two
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    for match_id in changed:
        row = after.get(match_id) or before[match_id]
        assert row[2] == climber.id or row[2] == second.id
    assert {row[1] for k, row in after.items() if k in changed} <= {need.id, other_need.id}


def test_a_volunteer_falling_out_loses_plain_suggestions_but_keeps_pipeline_ones(
    db, make_need, person
):
    need, other_need = make_need(), make_need()
    v = person(4)
    person(3)
    refresh.rematch_all()
    db.session.commit()
    db.session.execute(
        Match.__table__.update()
        .where(Match.need_id == other_need.id, Match.volunteer_id == v.id)
        .values(state="contacted")
    )
    db.session.commit()
    v = db.session.get(type(v), v.id)
    v.consent_at = None
    refresh.refresh_volunteer(v)
    db.session.commit()
    assert v.id not in stored(db, need)
    assert stored(db, other_need)[v.id][2] == "contacted"


def test_saving_a_need_reranks_only_that_need(client, auth, db, make_user, make_need, person):
    need, other_need = make_need(), make_need()
    for level in (1, 2, 3):
        person(level)
    campaigner = person(1)
    campaigner.skills.append(VolunteerSkill(area="campaigning", level=4, source="declared"))
    db.session.commit()
    refresh.rematch_all()
    db.session.commit()
    other_before = {k: v for k, v in snapshot(db).items() if v[1] == other_need.id}
    make_user(Role.CONSULTANT, email="k@example.org")
    auth.login("k@example.org")
    response = client.post(
        f"/projects/needs/{need.id}/edit",
        data={
            "title": "Kampagnetræner",
            "description": "",
            "status": "open",
            "seats": "1",
            "version": str(need.version),
            "period_from": "2027-03-01",
            "period_to": "2027-06-30",
            "skills-0-area": "campaigning",
            "skills-0-min_level": "2",
            "skills-0-weight": "3",
            "languages-0-code": "en",
            "languages-0-min_level": "B2",
            "languages-0-required": "required",
            "travel": "",
            "hours_per_month": "",
            "deadline": "",
        },
    )
    assert response.status_code == 302
    other_after = {k: v for k, v in snapshot(db).items() if v[1] == other_need.id}
    assert other_after == other_before
    rows = stored(db, need)
    best = max(rows, key=lambda v: rows[v][0])
    assert best == campaigner.id and len(rows) == 2


def test_a_closed_project_loses_its_suggestions(db, make_need, make_project, person):
    project = make_project()
    need = make_need(project=project)
    person(3)
    refresh.rematch_all()
    db.session.commit()
    assert stored(db, need)
    project.status = "closed"
    refresh.project_saved(project)
    db.session.commit()
    assert stored(db, need) == {}
    project.status = "active"
    refresh.project_saved(project)
    db.session.commit()
    assert stored(db, need)


def test_the_pool_is_cached_until_a_volunteer_changes(db, person, make_need):
    v = person(2)
    first = pool_cache.candidate_pool()
    assert pool_cache.candidate_pool() is first
    v.hours_per_month = 5
    db.session.commit()
    assert pool_cache.candidate_pool() is not first


def test_stored_explanations_are_the_engines_to_dict_shape(db, make_need, person):
    from crm.matches import adapter
    from crm.matching import score

    v = person(3)
    v.countries = []
    need = make_need(hours_per_month=5)
    refresh.refresh_need(need)
    db.session.commit()
    match = db.session.scalar(select(Match).where(Match.volunteer_id == v.id))
    result = score(adapter.candidate_for(v), adapter.need_spec_for(need))
    assert match.explanation == [f.to_dict(with_text=False) for f in result.factors]
    assert [f["factor"] for f in match.explanation] == [f.kind for f in result.factors]
    assert all("text" not in f for f in match.explanation)  # worded by explain.py, not stored
    for factor, stored_factor in zip(result.factors, match.explanation, strict=True):
        assert {**stored_factor, "text": factor.text} == factor.to_dict()
