"""The branch contact's members pages on a phone and a desktop, in Danish and English."""

import pytest
from playwright.sync_api import expect

from tests.branches.conftest import add_member, branches  # noqa: F401  (fixtures)
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("viewport", "locale"),
    [(PHONE, "da"), (PHONE, "en"), (DESKTOP, "da"), (DESKTOP, "en")],
    ids=["375-da", "375-en", "1280-da", "1280-en"],
)
def test_a_contact_reads_our_members_and_the_report(
    make_page, request, screenshot, viewport, locale
):
    world = request.getfixturevalue("branches")  # from tests/branches/conftest.py
    page = make_page(viewport, locale="da-DK" if locale == "da" else "en-GB")
    page.goto("/login")
    page.locator("#email").fill(world.contact_a.email)
    page.locator("#password").fill(PASSWORD)
    page.keyboard.press("Enter")
    if locale == "en":
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", locale)

    page.goto("/branch/members")
    sofie = page.locator("details", has_text="Sofie Delersen")
    skill = "Youth networks and youth wings" if locale == "en" else "Ungdomsnetværk"
    expect(sofie.get_by_text(skill)).to_be_hidden()
    sofie.locator("summary").click()  # the profile opens without any script
    expect(sofie.get_by_text(skill)).to_be_visible()
    expect(page.get_by_text("under 3" if locale == "en" else "færre end 3").first).to_be_visible()
    screenshot("members", page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]

    page.get_by_role(
        "link",
        name="What our members did abroad"
        if locale == "en"
        else ("Det har vores medlemmer lavet ude i verden"),
    ).click()
    expect(page.get_by_text("Søren Delbæk")).to_be_visible()
    screenshot("report", page)
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
