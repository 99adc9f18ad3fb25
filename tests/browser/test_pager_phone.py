"""The pager on a 375 px phone: every link inside the screen, and usable from the keyboard."""

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from crm.models import Volunteer
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture()
def search(make_page, make_user, db):
    make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    db.session.add_all(
        Volunteer(first_name=f"Navn{n:03d}", last_name="Hansen", email=f"v{n}@example.org")
        for n in range(250)
    )
    db.session.commit()
    page = make_page(PHONE)
    page.goto("/login")
    page.get_by_label("E-mail").fill("karen@example.org")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    return page


def test_the_pager_fits_a_phone_and_works_from_the_keyboard(search, screenshot):
    page = search
    page.goto("/consultant/volunteers?q=hansen&sort=name&page=5")
    pager = page.get_by_role("navigation", name="Sider")
    links = pager.get_by_role("link")
    expect(links).to_have_count(7)  # previous, 1, 4, 5, 6, 10, next
    for i in range(7):
        box = links.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(pager.locator('[aria-current="page"]')).to_have_text("5")
    screenshot("pager")

    pager.get_by_role("link", name="Side 6").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**page=6**")
    assert "q=hansen" in page.url and "sort=name" in page.url
    expect(
        page.get_by_role("navigation", name="Sider").locator('[aria-current="page"]')
    ).to_have_text("6")
