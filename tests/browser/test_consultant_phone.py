"""The consultant's tables on a 375 px phone: every row readable, every button inside the screen."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from crm.contacts.services import local_today
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD
from tests.consultant.factories import add_follow_up

pytestmark = pytest.mark.browser


@pytest.fixture()
def phone(app, make_page, make_user, make_volunteer, make_branch):
    karen = make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    branch = make_branch(name="Socialdemokratiet i Frederikshavn")
    for i in range(3):
        volunteer = make_volunteer(
            first_name="Margrethe",
            last_name=f"Østergaard-Christiansen{i}",
            email=f"margrethe.oestergaard.christiansen{i}@example.org",
            branch_id=branch.id,
        )
        with app.test_request_context():
            today = local_today()
        add_follow_up(karen, today - timedelta(days=i), volunteer, note="Spørg om sprogniveau")
    page = make_page(PHONE)
    page.goto("/login")
    page.get_by_label("E-mail").fill("karen@example.org")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    return page


def inside_the_screen(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_the_done_buttons_and_the_search_rows_fit_a_phone(phone):
    page = phone
    page.goto("/consultant/")
    buttons = page.locator("#follow-ups ~ .table-wrap button", has_text="Klaret")
    expect(buttons).to_have_count(3)
    for i in range(3):
        assert inside_the_screen(page, buttons.nth(i))

    page.goto("/consultant/volunteers?q=margrethe")
    rows = page.locator("table.stack tbody tr")
    expect(rows).to_have_count(3)
    for cell in ("td.lead a", 'td[data-label="E-mail"]', 'td[data-label="Lokalafdeling"]'):
        assert inside_the_screen(page, rows.first.locator(cell)), cell
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(
        "document.querySelector('.table-wrap').scrollWidth"
        " <= document.querySelector('.table-wrap').clientWidth"
    )
