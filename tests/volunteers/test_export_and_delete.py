"""The volunteer's own data: the profile page, the JSON download and erasing everything."""

import json
from datetime import date

from sqlalchemy import func, select

from crm.auth.models import User
from crm.extensions import db as _db
from crm.models import (
    ExperienceEntry,
    Match,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)
from tests.volunteers.conftest import fresh


def fill_profile(volunteer, db):
    v = db.session.get(Volunteer, volunteer.id)
    v.city = "Odense"
    v.experience = [
        ExperienceEntry(area="youth-networks", level=3, years=5, description="DSU"),
        ExperienceEntry(description="Frivillig i Røde Kors"),
    ]
    v.languages = [
        VolunteerLanguage(code="da", level="native"),
        VolunteerLanguage(code="fr", level="B1"),
    ]
    v.countries = [VolunteerCountry(code="KE")]
    v.skills = [VolunteerSkill(area="youth-networks", level=3)]
    v.available_from, v.available_to = date(2027, 2, 1), date(2027, 8, 31)
    v.hours_per_month, v.travel = 12, "long"
    v.motivation = "Internationalt samarbejde"
    db.session.commit()
    return v


def test_profile_page_shows_everything_readably(client, volunteer, db):
    fill_profile(volunteer, db)
    html = client.get("/me/").get_data(as_text=True)
    for text in (
        "Ungdomsnetværk og ungdomspartier",  # area label in Danish
        "Erfaren",  # level as a word
        "5 år",
        "Med mine egne ord",
        "Dansk",
        "Modersmål",
        "Fransk",
        "B1 – mellemniveau",
        "Kenya",
        "1. februar 2027",  # Flask-Babel's long date format in Danish
        "Længere ophold (over to uger)",
        "Internationalt samarbejde",
    ):
        assert text in html, text
    # Consent is missing: the page says so and invites to continue.
    assert "Din profil er ikke færdig" in html and '/me/profile"' in html
    assert "bliver ikke tilbudt til nogen opgave" in html
    assert client.get("/me/profile").headers["Location"].endswith("/me/profile/consent")

    client.post("/language", data={"locale": "en"})
    html = client.get("/me/").get_data(as_text=True)
    assert "Youth networks and youth wings" in html and "French" in html
    assert "February 1, 2027" in html


def test_complete_profile_has_no_call_to_action(client, volunteer, db, post_step):
    fill_profile(volunteer, db)
    post_step(volunteer, "consent", {"consent": "y"})
    html = client.get("/me/").get_data(as_text=True)
    assert "Din profil er ikke færdig" not in html and "Du gav dit samtykke den" in html


def test_withdraw_consent(client, volunteer, post_step):
    post_step(volunteer, "consent", {"consent": "y"})
    assert fresh(volunteer).consent_at is not None
    client.post("/me/consent/withdraw")
    assert fresh(volunteer).consent_at is None


def test_download_my_data(client, volunteer, db):
    fill_profile(volunteer, db)
    response = client.get("/me/export.json")
    assert response.mimetype == "application/json"
    assert "attachment" in response.headers["Content-Disposition"]
    data = json.loads(response.get_data(as_text=True))
    assert data["contact"]["first_name"] == "Mette" and data["contact"]["city"] == "Odense"
    assert data["experience"][0] == {
        "area": "youth-networks",
        "level": 3,
        "years": 5,
        "description": "DSU",
    }
    assert data["languages"] == [{"code": "da", "level": "native"}, {"code": "fr", "level": "B1"}]
    assert data["countries"] == ["KE"]
    assert data["availability"] == {
        "from": "2027-02-01",
        "to": "2027-08-31",
        "hours_per_month": 12,
        "travel": "long",
    }
    assert data["consent"] == {"version": None, "at": None}


def test_erasure_needs_confirmation_and_a_post(client, volunteer, db, make_need):
    fill_profile(volunteer, db)
    need = make_need()
    db.session.add(Match(need_id=need.id, volunteer_id=volunteer.id, score=50.0))
    db.session.commit()
    page = client.get("/me/delete")
    assert page.status_code == 200 and "Slet for altid" in page.get_data(as_text=True)
    response = client.post("/me/delete", data={})
    assert response.status_code == 200
    assert "Sæt kryds for at bekræfte." in response.get_data(as_text=True)
    assert fresh(volunteer).erased_at is None

    volunteer_id, user_id = volunteer.id, volunteer.user_id
    response = client.post("/me/delete", data={"confirm": "y"})
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Volunteer, volunteer_id).erased_at is not None  # a tombstone
    assert _db.session.get(User, user_id) is None
    for model in (ExperienceEntry, VolunteerLanguage, VolunteerCountry, VolunteerSkill):
        assert _db.session.scalar(select(func.count()).select_from(model)) == 0, model
    assert _db.session.scalar(select(func.count()).select_from(Match)) == 1  # kept for counts
    assert client.get("/me/").headers["Location"].startswith("/login")  # logged out
