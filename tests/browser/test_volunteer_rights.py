"""A volunteer exercises every GDPR right in the browser, on a phone: sees everything held
(Art. 15) and downloads it (Art. 20), corrects it (Art. 16), withdraws consent (Art. 7(3)) and
erases the profile and account (Art. 17), after which the login no longer works."""

import json

import pytest
from playwright.sync_api import expect

from crm.models import Volunteer
from tests.conftest import PASSWORD
from tests.consultant.factories import add_match

pytestmark = pytest.mark.browser


def test_every_right_at_phone_width(page, db, make_volunteer, make_need, screenshot):
    mette = make_volunteer(
        email="mette@example.org", first_name="Mette", last_name="Rettighed", city="Odense"
    )
    add_match(make_need(title="Kampagnetræner i Nairobi"), mette, state="contacted", score=80.0)
    page.goto("/login")
    page.get_by_label("E-mail").fill("mette@example.org")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")

    # Access: the readable page, with the print button, holds the match.
    page.get_by_role("link", name="Alt, hvad vi har registreret om dig").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alt, hvad vi har registreret om dig")
    expect(page.locator("main")).to_contain_text("Kampagnetræner i Nairobi")
    expect(page.get_by_role("button", name="Udskriv")).to_be_visible()
    screenshot("1-data")

    # Portability: the same as a file.
    with page.expect_download() as download:
        page.get_by_role("link", name="Hent som fil (JSON)").click()
    data = json.loads(download.value.path().read_text(encoding="utf-8"))
    assert data["contact"]["city"] == "Odense"
    assert [m["need"] for m in data["matches"]] == ["Kampagnetræner i Nairobi"]

    # Rectification: the contact step changes the city, and the page shows it back.
    page.goto("/me/profile/contact")
    page.get_by_label("By", exact=True).fill("Svendborg")
    page.get_by_role("button", name="Gem og fortsæt").click()
    page.goto("/me/data")
    expect(page.locator("main")).to_contain_text("Svendborg")

    # Withdrawing consent.
    page.goto("/me/")
    page.get_by_role("button", name="Træk mit samtykke tilbage").click()
    expect(page.locator("main")).to_contain_text("Dit samtykke er trukket tilbage")
    db.session.expire_all()
    assert db.session.get(Volunteer, mette.id).consent_withdrawn_at is not None

    # Erasure: refused until confirmed, then the person is logged out and cannot log in.
    page.get_by_role("link", name="Slet min profil og konto").click()
    page.get_by_role("button", name="Slet for altid").click()
    expect(page.locator("main")).to_contain_text("Sæt kryds for at bekræfte.")
    page.get_by_label("Ja, slet min profil og min konto for altid.").check()
    screenshot("2-erase")
    page.get_by_role("button", name="Slet for altid").click()
    expect(page.locator("body")).to_contain_text("Din profil og din konto er slettet")
    expect(page.get_by_role("link", name="Log ind", exact=True)).to_be_visible()
    page.goto("/login")
    page.get_by_label("E-mail").fill("mette@example.org")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_contain_text("Forkert e-mail eller adgangskode.")
    db.session.expire_all()
    assert db.session.get(Volunteer, mette.id).erased_at is not None
