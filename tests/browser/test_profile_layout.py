"""Every profile page fits a phone and a desktop, in Danish and English (with screenshots)."""

from datetime import date

import pytest
from playwright.sync_api import expect

from crm.models import ExperienceEntry, VolunteerCountry, VolunteerLanguage
from crm.volunteers.services import STEPS
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("viewport", "locale"),
    [(PHONE, "da"), (PHONE, "en"), (DESKTOP, "da"), (DESKTOP, "en")],
    ids=["375-da", "375-en", "1280-da", "1280-en"],
)
def test_profile_pages_fit_the_screen(make_page, make_volunteer, db, screenshot, viewport, locale):
    volunteer = make_volunteer(
        email="layout@example.org",
        city="Aalborg",
        motivation="Jeg vil gerne bruge min erfaring fra kommunalpolitik internationalt.",
        available_from=date(2027, 3, 1),
        hours_per_month=8,
        travel="long",
    )
    volunteer.experience = [
        ExperienceEntry(area="women-in-politics", level=4, years=12, description="Kandidatskole"),
        ExperienceEntry(description="Valgkampsleder i Aalborg Øst"),
    ]
    volunteer.languages = [VolunteerLanguage(code="da", level="native")]
    volunteer.countries = [VolunteerCountry(code="TZ"), VolunteerCountry(code="MM")]
    db.session.commit()

    page = make_page(viewport, locale="da-DK" if locale == "da" else "en-GB")
    page.goto("/login")
    page.locator("#email").fill("layout@example.org")
    page.locator("#password").fill(PASSWORD)
    page.keyboard.press("Enter")
    if locale == "en":
        page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", locale)

    urls = ["/me/", *(f"/me/profile/{step}" for step in STEPS), "/me/delete"]
    for url in urls:
        page.goto(url)
        name = url.strip("/").replace("/", "-") or "me"
        screenshot(name, page)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], f"{url} overflows: {width}px"
        # Every visible form control has an accessible name.
        unnamed = page.evaluate(
            """() => [...document.querySelectorAll('main input, main select, main textarea')]
                .filter(e => e.type !== 'hidden' && !e.labels?.length
                             && !e.getAttribute('aria-label'))
                .map(e => e.name)"""
        )
        assert unnamed == [], f"{url}: unlabelled {unnamed}"
