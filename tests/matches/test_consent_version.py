"""One definition of "has current consent": a new CONSENT_VERSION takes people out of matching."""

from datetime import date

import pytest
from sqlalchemy import select

from crm.matches import pool_cache, refresh
from crm.models import ExperienceEntry, Match, Volunteer, VolunteerLanguage, VolunteerSkill
from crm.volunteers import services

NEW_VERSION = "2099-01"


@pytest.fixture()
def mette(make_volunteer, db, auth):
    """A logged-in volunteer who accepted the consent text 2026-11 and fits the need."""
    v = make_volunteer(
        email="mette@example.org",
        first_name="Mette",
        available_from=date(2027, 1, 1),
        available_to=date(2027, 12, 31),
        hours_per_month=10,
        travel="short",
    )
    v.experience = [ExperienceEntry(area="local-democracy", level=4)]
    v.skills = [VolunteerSkill(area="local-democracy", level=4, source="declared")]
    v.languages = [VolunteerLanguage(code="en", level="C1")]
    db.session.commit()
    auth.login("mette@example.org")
    return v


@pytest.fixture()
def new_version(app, monkeypatch):
    """The consent text changes: CONSENT_VERSION is now NEW_VERSION (restored afterwards)."""
    monkeypatch.setitem(app.config, "CONSENT_VERSION", NEW_VERSION)
    pool_cache.forget_pool()
    yield NEW_VERSION
    pool_cache.forget_pool()


def test_sql_condition_and_predicate_agree(app, db, make_volunteer):
    current = make_volunteer(consent_version="2026-11")
    old = make_volunteer(consent_version="2025-01")
    never = make_volunteer(consent_version=None, consent_at=None)
    with app.test_request_context():
        ids = set(
            db.session.scalars(select(Volunteer.id).where(services.current_consent_condition()))
        )
        for volunteer in (current, old, never):
            assert services.has_current_consent(volunteer) == (volunteer.id in ids)
        assert ids == {current.id}
        assert services.consent_is_outdated(old)
        assert not services.consent_is_outdated(never)
        assert not services.consent_is_outdated(current)


def test_old_consent_is_not_matched_after_the_version_changes(app, db, make_need, mette):
    need = make_need()
    with app.test_request_context():
        refresh.rematch_all(derive_skills=False)
        db.session.commit()
        assert db.session.scalar(select(Match).where(Match.volunteer_id == mette.id))

    with app.test_request_context():
        app.config["CONSENT_VERSION"] = NEW_VERSION
        try:
            refresh.refresh_need(db.session.get(type(need), need.id))
            db.session.commit()
            assert db.session.scalar(select(Match).where(Match.volunteer_id == mette.id)) is None
            assert len(pool_cache.candidate_pool()) == 0
            # Saving the profile does not put them back either.
            refresh.refresh_volunteer(db.session.get(Volunteer, mette.id))
            db.session.commit()
            assert db.session.scalar(select(Match).where(Match.volunteer_id == mette.id)) is None
        finally:
            app.config["CONSENT_VERSION"] = "2026-11"
            pool_cache.forget_pool()


def test_needs_page_asks_for_consent_again(client, make_need, mette, new_version):
    need = make_need(title="Byrådstræner")
    html = client.get("/me/needs/").get_data(as_text=True)
    assert "Byrådstræner" not in html
    assert 'href="/me/profile/consent"' in html
    # The Danish page says the consent text has changed, not merely "give your consent first".
    assert "ændret" in html

    response = client.post(f"/me/needs/{need.id}/ask")
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_interest_is_refused_with_old_consent(client, db, make_need, mette, new_version):
    need = make_need()
    client.post(f"/me/needs/{need.id}/ask")
    assert db.session.scalar(select(Match).where(Match.volunteer_id == mette.id)) is None


def test_consenting_again_matches_again(client, db, make_need, mette, new_version):
    need = make_need(title="Byrådstræner")
    volunteer = db.session.get(Volunteer, mette.id)
    version = volunteer.version
    response = client.post(
        "/me/profile/consent", data={"consent": "y", "version": version, "nav": "next"}
    )
    assert response.status_code == 302
    volunteer = db.session.get(Volunteer, mette.id)
    db.session.refresh(volunteer)
    assert volunteer.consent_version == NEW_VERSION
    assert "Byrådstræner" in client.get("/me/needs/").get_data(as_text=True)
    assert db.session.scalar(
        select(Match).where(Match.volunteer_id == mette.id, Match.need_id == need.id)
    )
