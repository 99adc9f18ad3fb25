"""A new volunteer registers, confirms, logs in and fills in the whole profile on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def confirmation_path(outbox) -> str:
    return re.search(r"https?://[^/\s]+(/confirm/\S+)", outbox.last_body()).group(1)


def test_register_and_fill_in_the_profile_at_phone_width(
    page, live_server, outbox, make_branch, screenshot
):
    make_branch(name="Socialdemokratiet i Odense", municipality="Odense")

    # Register through the form.
    page.goto("/")
    page.goto("/register")
    page.get_by_label("Fornavn").fill("Sofie")
    page.get_by_label("Efternavn").fill("Nielsen")
    page.get_by_label("E-mail").fill("sofie@example.org")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.get_by_label("Gentag adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Opret konto").click()
    expect(page.locator("main")).to_contain_text("sofie@example.org")

    # Confirm the address from the e-mail, then log in with the keyboard.
    page.goto(confirmation_path(outbox))
    page.get_by_label("E-mail").fill("sofie@example.org")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")
    expect(page.locator("main")).to_contain_text("Din profil er ikke færdig")
    page.get_by_role("link", name="Fortsæt med din profil").click()

    # 1. Contact details and branch.
    expect(page.locator("ol.steps li[aria-current=step]")).to_contain_text("Kontakt")
    expect(page.get_by_label("Fornavn")).to_have_value("Sofie")
    page.get_by_label("Telefon").fill("+45 20 30 40 50")
    page.get_by_label("By", exact=True).fill("Odense")
    page.get_by_label("Din lokalafdeling").select_option(label="Socialdemokratiet i Odense")
    page.get_by_label("Del min profil med min lokalafdeling").check()
    screenshot("1-contact")
    page.get_by_role("button", name="Gem og fortsæt").click()

    # 2. Experience: an area with level and years, then free text alone in a second row.
    expect(page.get_by_role("heading", level=1)).to_have_text("Din erfaring")
    page.get_by_label("Område").select_option(label="Lokaldemokrati og kommunalpolitik")
    page.get_by_label("Niveau").select_option(label="Erfaren")
    page.get_by_label("Antal års erfaring").fill("6")
    page.get_by_label("Beskriv, hvad du har lavet").fill("Byrådsmedlem i to perioder.")
    page.get_by_role("button", name="Tilføj en erfaring mere").click()
    second = page.locator("fieldset", has_text="Erfaring 2")
    second.get_by_label("Beskriv, hvad du har lavet").fill("Har trænet unge kandidater.")
    screenshot("2-experience")
    page.get_by_role("button", name="Gem og fortsæt").click()

    # 3. Languages.
    expect(page.get_by_role("heading", level=1)).to_have_text("Sprog")
    page.get_by_label("Sprog", exact=True).select_option("da")
    page.get_by_label("Niveau").select_option(label="Modersmål")
    page.get_by_role("button", name="Tilføj et sprog mere").click()
    row = page.locator("fieldset", has_text="Sprog 2")
    row.get_by_label("Sprog", exact=True).select_option(label="engelsk")
    row.get_by_label("Niveau").select_option("C1")
    screenshot("3-languages")
    page.get_by_role("button", name="Gem og fortsæt").click()

    # 4. Countries.
    expect(page.get_by_role("heading", level=1)).to_have_text("Lande, du kender")
    page.get_by_label("Land", exact=True).select_option(label="Kenya")
    screenshot("4-countries")
    page.get_by_role("button", name="Gem og fortsæt").click()

    # 5. Availability.
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvornår og hvordan du kan hjælpe")
    page.get_by_label("Tilgængelig fra").fill("2027-01-01")
    page.get_by_label("Tilgængelig til").fill("2027-12-31")
    page.get_by_label("Timer om måneden").fill("10")
    page.get_by_role("radio", name=re.compile("^Korte rejser")).check()
    screenshot("5-availability")
    page.get_by_role("button", name="Gem og fortsæt").click()

    # 6. Motivation (and a step back and forth: nothing is lost).
    expect(page.get_by_role("heading", level=1)).to_have_text("Din motivation")
    page.get_by_label("Hvorfor vil du gerne hjælpe?").fill("Jeg vil styrke lokaldemokratiet.")
    page.get_by_role("button", name="Gem og gå tilbage").click()
    expect(page.get_by_label("Timer om måneden")).to_have_value("10")
    page.get_by_role("button", name="Gem og fortsæt").click()
    expect(page.get_by_label("Hvorfor vil du gerne hjælpe?")).to_have_value(
        "Jeg vil styrke lokaldemokratiet."
    )
    screenshot("6-motivation")
    page.get_by_role("button", name="Gem og fortsæt").click()

    # 7. Consent: refused without the tick, accepted with it.
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit samtykke")
    page.get_by_role("button", name="Gem og afslut").click()
    expect(page.locator("#consent-error")).to_contain_text("Sæt kryds")
    page.get_by_label(re.compile("^Jeg giver samtykke")).check()
    screenshot("7-consent")
    page.get_by_role("button", name="Gem og afslut").click()

    # The profile page shows back what was entered.
    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")
    main = page.locator("main")
    for text in (
        "Tak, din profil er nu færdig",
        "Sofie Nielsen",
        "+45 20 30 40 50",
        "Socialdemokratiet i Odense",
        "Lokaldemokrati og kommunalpolitik",
        "Erfaren",
        "6 år",
        "Har trænet unge kandidater.",
        "Dansk",
        "Modersmål",
        "Engelsk",
        "C1 – avanceret",
        "Kenya",
        "1. januar 2027",
        "31. december 2027",
        "Korte rejser (op til to uger)",
        "Jeg vil styrke lokaldemokratiet.",
        "Du gav dit samtykke den",
    ):
        expect(main).to_contain_text(text)
    expect(main).not_to_contain_text("Din profil er ikke færdig")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("8-profile")
