"""Consent text versions: an admin drafts, previews and publishes one; publishing stops matching
everyone who consented to an earlier text until they consent again, and their profile asks them."""

import re
from datetime import date

import pytest
from sqlalchemy import select

from crm.audit.models import AuditEvent
from crm.matches import pool_cache, refresh
from crm.models import (
    ConsentText,
    ExperienceEntry,
    Match,
    Volunteer,
    VolunteerLanguage,
    VolunteerSkill,
)
from tests.admin.conftest import log_in

DRAFT = {
    "label": "2027-01",
    "text_da": "Vi bruger din profil til at finde opgaver.\n\nDu kan altid trække det tilbage.",
    "text_en": "We use your profile to find tasks.\n\nYou can always withdraw your consent.",
}


@pytest.fixture(autouse=True)
def fresh_pool():
    pool_cache.forget_pool()
    yield
    pool_cache.forget_pool()


@pytest.fixture()
def mette(make_volunteer, db):
    """A volunteer who consented to the version in force (2026-11) and fits the need."""
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
    return v


def draft(client, **fields) -> int:
    response = client.post("/admin/consent-texts/new", data={**DRAFT, **fields})
    assert response.status_code == 302
    return int(response.headers["Location"].rsplit("/", 1)[1])


def publish(client, db, text_id: int):
    db.session.rollback()
    version = db.session.get(ConsentText, text_id).version
    return client.post(f"/admin/consent-texts/{text_id}/publish", data={"version": version})


def matches_of(db, volunteer_id: int) -> list[Match]:
    db.session.rollback()
    return list(db.session.scalars(select(Match).where(Match.volunteer_id == volunteer_id)))


def test_a_draft_is_previewed_in_both_languages_and_changes_nothing(client, db, admin):
    text_id = draft(client)
    html = client.get(f"/admin/consent-texts/{text_id}").get_data(as_text=True)
    assert "Vi bruger din profil" in html and "We use your profile" in html
    assert "Udgiv version 2027-01" in html
    listing = client.get("/admin/consent-texts").get_data(as_text=True)
    assert "udkast" in listing and "Gældende: version 2026-11" in listing


def test_a_draft_can_be_edited_until_it_is_published(client, db, admin):
    text_id = draft(client)
    db.session.rollback()
    version = db.session.get(ConsentText, text_id).version
    response = client.post(
        f"/admin/consent-texts/{text_id}/edit",
        data={**DRAFT, "text_da": "Ny dansk tekst.", "version": version},
    )
    assert response.status_code == 302
    # the same form, sent again with the version it was opened at, is refused as stale
    stale = client.post(
        f"/admin/consent-texts/{text_id}/edit",
        data={**DRAFT, "text_da": "Overskrevet.", "version": version},
    )
    assert stale.status_code == 409
    db.session.rollback()
    assert db.session.get(ConsentText, text_id).text_da == "Ny dansk tekst."

    assert publish(client, db, text_id).status_code == 302
    client.post(f"/admin/consent-texts/{text_id}/edit", data={**DRAFT, "text_da": "Senere."})
    db.session.rollback()
    assert db.session.get(ConsentText, text_id).text_da == "Ny dansk tekst."


def test_a_label_is_used_once(client, db, admin):
    draft(client)
    response = client.post("/admin/consent-texts/new", data=DRAFT)
    assert response.status_code == 400
    assert "har allerede dette navn" in response.get_data(as_text=True)
    # nor the label of the built-in text now in force
    response = client.post("/admin/consent-texts/new", data={**DRAFT, "label": "2026-11"})
    assert response.status_code == 400


def test_publishing_stops_matching_an_old_consenter_until_they_consent_again(
    app, client, db, admin, make_need, mette
):
    need = make_need(title="Byrådstræner")
    with app.test_request_context():
        refresh.rematch_all(derive_skills=False)
        db.session.commit()
    assert [m.need_id for m in matches_of(db, mette.id)] == [need.id]

    text_id = draft(client)
    response = publish(client, db, text_id)
    assert response.status_code == 302
    assert matches_of(db, mette.id) == []  # the stored suggestion went at once
    db.session.rollback()
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "consent_text_published")
    )
    assert event.actor_id == admin.id and event.details["version"] == "2027-01"
    listing = client.get("/admin/consent-texts").get_data(as_text=True)
    assert "Gældende: version 2027-01" in listing

    volunteer = app.test_client()
    log_in(volunteer, "mette@example.org")
    profile = volunteer.get("/me/").get_data(as_text=True)
    assert "Giv venligst dit samtykke igen" in profile
    assert 'href="/me/profile/consent"' in profile
    assert "Byrådstræner" not in volunteer.get("/me/needs/").get_data(as_text=True)

    step = volunteer.get("/me/profile/consent").get_data(as_text=True)
    assert "Vi bruger din profil til at finde opgaver." in step  # the published text, in Danish
    assert "2027-01" in step
    db.session.rollback()
    seen = db.session.get(Volunteer, mette.id).version
    response = volunteer.post(
        "/me/profile/consent", data={"consent": "y", "version": seen, "nav": "next"}
    )
    assert response.status_code == 302
    db.session.rollback()
    assert db.session.get(Volunteer, mette.id).consent_version == "2027-01"
    assert [m.need_id for m in matches_of(db, mette.id)] == [need.id]
    assert "samtykke igen" not in volunteer.get("/me/").get_data(as_text=True)


def test_the_consent_step_shows_the_english_text_in_english(app, client, db, admin, mette):
    publish(client, db, draft(client))
    volunteer = app.test_client()
    log_in(volunteer, "mette@example.org")
    volunteer.post("/language", data={"locale": "en"})
    step = volunteer.get("/me/profile/consent").get_data(as_text=True)
    assert "We use your profile to find tasks." in step


def test_a_consent_to_a_text_replaced_while_reading_is_refused(app, client, db, admin, mette):
    volunteer = app.test_client()
    log_in(volunteer, "mette@example.org")
    page = volunteer.get("/me/profile/consent").get_data(as_text=True)
    shown = re.search(r'name="text_version" type="hidden" value="([^"]+)"', page).group(1)
    assert shown == "2026-11"
    publish(client, db, draft(client))  # meanwhile, an admin publishes 2027-01

    db.session.rollback()
    seen = db.session.get(Volunteer, mette.id).version
    form = {"consent": "y", "version": seen, "nav": "next", "text_version": shown}
    response = volunteer.post("/me/profile/consent", data=form)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Samtykketeksten blev ændret, mens du læste den" in html
    assert "Vi bruger din profil til at finde opgaver." in html  # the new text, to read now
    db.session.rollback()
    assert db.session.get(Volunteer, mette.id).consent_version == "2026-11"

    shown = re.search(r'name="text_version" type="hidden" value="([^"]+)"', html).group(1)
    assert (
        volunteer.post("/me/profile/consent", data={**form, "text_version": shown}).status_code
        == 302
    )
    db.session.rollback()
    assert db.session.get(Volunteer, mette.id).consent_version == "2027-01"


def test_a_new_draft_starts_from_the_text_in_force(client, db, admin):
    assert "Vi bruger din profil" not in client.get("/admin/consent-texts/new").get_data(
        as_text=True
    )
    publish(client, db, draft(client))
    form = client.get("/admin/consent-texts/new").get_data(as_text=True)
    assert "Vi bruger din profil til at finde opgaver." in form
    assert "We use your profile to find tasks." in form
