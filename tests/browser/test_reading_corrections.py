"""In a browser: the volunteer saves a description, sees what was read, and corrects it."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375", "1280"])
def test_read_back_and_correct_with_the_keyboard(make_page, make_volunteer, screenshot, viewport):
    make_volunteer(email="laest@example.org", city="Odense")
    page = make_page(viewport)
    page.goto("/login")
    page.locator("#email").fill("laest@example.org")
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.goto("/me/profile/experience")
    page.get_by_label("Beskriv, hvad du har lavet").fill(
        "Jeg har ført valgkamp, arbejdet med energiomstilling og med sociale medier"
    )
    page.get_by_role("button", name="Gem og se, hvad vi har læst").click()
    section = page.locator("section.reading")
    expect(section.get_by_role("heading", name="Det har vi læst i din beskrivelse")).to_be_visible()
    assert page.url.endswith("#reading")
    screenshot("read", page)
    section.screenshot(path=str(ARTIFACTS / f"reading-section-{viewport['width']}-read.png"))

    # Change a level with the keyboard only: the select, then its Save button.
    select = page.get_by_label("Dit niveau i Valgkamp og kampagner")
    select.focus()
    select.select_option("3")
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("button", name=re.compile(r"Gem\s*: dit niveau i Valgkamp og kampagner"))
    ).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".flash")).to_contain_text(
        "Valgkamp og kampagner: dit niveau er nu »Erfaren«."
    )
    assert page.url.endswith("#read-campaigning")
    row = page.locator("#read-campaigning")
    expect(row).to_contain_text("Niveau rettet af dig")

    page.get_by_role(
        "button", name=re.compile(r"Fjern\s*: Kommunikation og sociale medier")
    ).click()
    expect(page.locator("#read-communication")).to_contain_text("Fjernet af dig")
    expect(
        page.get_by_role("button", name=re.compile(r"Fortryd\s*: Kommunikation og sociale medier"))
    ).to_be_visible()
    page.get_by_role(
        "button", name=re.compile(r"Bekræft\s*: Energiomstilling og vedvarende energi")
    ).click()
    expect(page.locator("#read-energy-transition")).to_contain_text("Bekræftet af dig.")
    screenshot("corrected", page)
    section.screenshot(path=str(ARTIFACTS / f"reading-section-{viewport['width']}.png"))

    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"overflows: {width}px"
    page.goto("/me/")
    expect(page.locator("#read-campaigning")).to_contain_text("Erfaren")
    screenshot("profile", page)
