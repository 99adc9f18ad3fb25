"""The searchable pickers and the volunteer record in the browser, at 375 and 1280 px."""

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from crm.models import ProjectCountry
from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.conftest import PASSWORD
from tests.consultant.factories import add_contact, add_follow_up, add_match

pytestmark = pytest.mark.browser

SCREENS = [(PHONE, "da"), (PHONE, "en"), (DESKTOP, "da"), (DESKTOP, "en")]
IDS = ["375-da", "375-en", "1280-da", "1280-en"]


def log_in(page, email: str, locale: str) -> None:
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)
    if locale == "en":
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", locale)


def test_typing_narrows_the_countries_ignoring_accents(make_page, make_volunteer, screenshot):
    make_volunteer(email="picker@example.org")
    page = make_page(PHONE)
    log_in(page, "picker@example.org", "da")
    page.goto("/me/profile/countries")
    search = page.get_by_label("Søg i listen")
    country = page.get_by_label("Land", exact=True)
    search.fill("ostr")  # "Østrig" without the ø
    expect(country.locator("option")).to_have_text(["Vælg …", "Østrig"])
    expect(page.locator(".picker-count")).to_have_text("1 af 257 vises")
    screenshot("narrowed", page)
    search.press("Enter")  # picks the one left and moves to the list, without sending the form
    expect(country).to_have_value("AT")
    expect(country).to_be_focused()
    assert page.url.endswith("/me/profile/countries")  # Enter did not send the form
    search.fill("")
    expect(country).to_have_value("AT")  # the choice survives clearing the search
    assert country.locator("option").count() > 200


@pytest.mark.parametrize(("viewport", "locale"), SCREENS, ids=IDS)
def test_the_need_form_starts_in_the_projects_countries(
    make_page, make_user, make_project, db, screenshot, viewport, locale
):
    make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    project = make_project(title="Demokrati i Tunesien")
    project.countries = [ProjectCountry(code="TN"), ProjectCountry(code="MA")]
    db.session.commit()
    page = make_page(viewport, locale="da-DK" if locale == "da" else "en-GB")
    log_in(page, "karen@example.org", locale)
    page.goto(f"/projects/{project.id}/needs/new")
    countries = page.locator("select#countries")
    expect(countries.locator("option:checked")).to_have_count(2)
    page.locator("#countries-search").fill("keny")
    expect(countries.locator("option")).to_have_count(3)  # the two chosen stay, and Kenya
    countries.select_option(["TN", "MA", "KE"])
    page.locator("#languages-0-code-search").fill("fr")
    expect(page.locator("select#languages-0-code option").nth(1)).to_have_attribute("value", "fr")
    screenshot("need-form", page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the need form overflows: {width}px"


@pytest.mark.parametrize(("viewport", "locale"), SCREENS, ids=IDS)
def test_the_record_returns_to_the_row(
    make_page, make_user, make_need, make_volunteer, screenshot, viewport, locale
):
    karen = make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    add_match(make_need(title="Kampagnetræner"), mette, state="contacted", score=81.0)
    add_match(make_need(title="Kandidatskole"), mette, state="shortlisted", score=64.0)
    add_match(make_need(title="Ungdomsnetværk"), mette, score=55.0)
    add_contact(mette, karen, "Første opkald om opgaverne")
    follow_up = add_follow_up(karen, make_need().period_from, mette, note="Ring igen")
    page = make_page(viewport, locale="da-DK" if locale == "da" else "en-GB")
    log_in(page, "karen@example.org", locale)
    page.goto(f"/consultant/volunteers/{mette.id}")
    screenshot("1-record", page)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"the record overflows: {width}px"

    form = page.locator("form.contact-form")
    need = form.locator("select[name=match_id]")
    need.select_option(index=1)  # the contacted match (matches are listed taken forward first)
    move = form.locator("select[name=move_to]")
    expect(move.locator("option:not([hidden])")).to_have_count(6)  # no change + five moves
    expect(move).to_have_value("")  # a contacted match starts at "no change"
    outcome = form.locator("input[name=outcome]")
    outcome.fill("Takker nej, har ikke tid")  # the outcome suggests the step
    expect(move).to_have_value("declined")
    outcome.fill("Meget interesseret")
    expect(move).to_have_value("interested")
    form.locator("textarea[name=summary]").fill("Mette vil gerne være kampagnetræner.")
    screenshot("2-contact-form", page)
    form.locator("button[type=submit]").click()
    expect(page.locator(".flash-success")).to_contain_text("Mette Hansen")
    assert "#contact-" in page.url
    expect(page.locator(".flash-success")).to_be_in_viewport()  # the flash stays in view
    screenshot("3-after-contact", page)
    page.screenshot(path=str(ARTIFACTS / f"record-{locale}-{viewport['width']}-3-in-view.png"))

    line = page.locator(f"#follow-up-{follow_up.id}")
    line.get_by_role("button").click()
    assert page.url.endswith(f"#follow-up-{follow_up.id}")
    expect(page.locator(".flash-success")).to_contain_text("Mette Hansen")
    expect(page.locator(f"#follow-up-{follow_up.id}")).to_be_in_viewport()
    screenshot("4-after-follow-up-done", page)
    page.screenshot(path=str(ARTIFACTS / f"record-{locale}-{viewport['width']}-4-in-view.png"))
