"""In a browser at phone width: a branch contact describes the branch, sees the needs that fit
and offers help on one, naming a member who shares their profile."""

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from crm.models import VolunteerLanguage
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_describe_rank_and_offer_on_a_phone(
    page, screenshot, db, make_user, make_branch, make_volunteer, make_need
):
    branch = make_branch(name="Ungeafdelingen")
    make_user(Role.BRANCH_CONTACT, email="kontakt@example.org", branch_id=branch.id)
    member = make_volunteer(
        first_name="Sara", last_name="Deler", branch_id=branch.id, share_with_branch=True
    )
    member.languages = [VolunteerLanguage(code="en", level="C1")]
    make_volunteer(first_name="Hemmelig", branch_id=branch.id, share_with_branch=False)
    db.session.commit()
    make_need(title="Energirådgiver", skills=(("energy-transition", 2, 3),))
    make_need(title="Ungdomsnetværk i Kenya", skills=(("youth-networks", 2, 3),))

    page.goto("/login")
    page.locator("#email").fill("kontakt@example.org")
    page.locator("#password").fill(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    page.get_by_role("link", name="Vores erfaring").click()
    page.get_by_label("Beskriv, hvad afdelingen har gjort").fill(
        "Vi har drevet et ungdomsnetværk i tre år"
    )
    page.get_by_role("button", name="Gem og se, hvad vi har læst").click()
    expect(page.locator("#read-youth-networks")).to_be_visible()

    page.get_by_role("link", name="Vores afdeling").click()
    cards = page.locator("ol.branch-needs > li")
    expect(cards.first).to_contain_text("Ungdomsnetværk i Kenya")
    expect(cards.first).to_contain_text("1 medlem taler engelsk på mindst B2")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("ranked")

    cards.first.get_by_role("link", name="Vi kan hjælpe").click()
    expect(page.get_by_text("Hemmelig")).to_have_count(0)
    page.get_by_label("Hvordan kan afdelingen hjælpe?").fill("Vi kan dele vores erfaring.")
    page.get_by_label("Sara Deler").check()
    page.get_by_role("button", name="Send tilbuddet").click()
    expect(page.locator(".flash")).to_contain_text("Ungdomsnetværk i Kenya")
    expect(page.locator("table")).to_contain_text("Sendt: venter på konsulenten")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    screenshot("offered")
