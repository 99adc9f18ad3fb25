"""A placed volunteer on a phone (390 x 844) reports an activity on their placement and sees it
waiting; the consultant approves it; the volunteer sees it approved and no longer editable.
Nothing is wider than the screen."""

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from crm.models import NeedCountry
from tests.conftest import PASSWORD
from tests.consultant.factories import add_match

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()


def test_a_volunteer_reports_an_activity_on_a_phone_and_the_consultant_approves(
    make_page, make_user, make_volunteer, make_need, screenshot, db
):
    volunteer = make_volunteer(first_name="Vera", last_name="Frivillig", email="vera@example.org")
    need = make_need(title="Træner i lokaldemokrati")
    need.countries = [NeedCountry(code="KE")]
    db.session.commit()
    add_match(need, volunteer, state="placed")
    make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")

    phone = make_page(PHONE)
    log_in(phone, "vera@example.org")
    phone.goto("/me/needs/")
    phone.get_by_role("link", name="Træner i lokaldemokrati", exact=True).click()
    expect(phone.get_by_role("heading", name="Træner i lokaldemokrati")).to_be_visible()
    fits(phone)
    phone.get_by_role("link", name="Rapportér en aktivitet").click()
    expect(phone.get_by_role("heading", name="Rapportér en aktivitet")).to_be_visible()
    screenshot("form", phone)
    fits(phone)
    phone.get_by_label("Fra", exact=True).fill("2027-03-10")
    phone.get_by_label("Til", exact=True).fill("2027-03-11")
    phone.get_by_label("Dage", exact=True).fill("1,5")
    expect(phone.get_by_label("Land", exact=True)).to_have_value("KE")  # the need's country, chosen
    phone.get_by_label("Type aktivitet").select_option("workshop")
    phone.get_by_label("Deltagere", exact=True).fill("24")
    phone.get_by_label("Heraf kvinder").fill("30")
    phone.get_by_label("Heraf unge (under 35)").fill("9")
    phone.get_by_label("Hvad lavede du?").fill("Workshop om borgermøder i Nakuru.")
    phone.get_by_role("button", name="Gem rapporten").click()
    expect(phone.get_by_text("Det kan ikke være flere end de 24 deltagere.")).to_be_visible()
    fits(phone)
    screenshot("error", phone)
    phone.get_by_label("Heraf kvinder").fill("14")
    phone.get_by_role("button", name="Gem rapporten").click()
    expect(
        phone.get_by_text("Din rapport er gemt og venter på konsulentens godkendelse")
    ).to_be_visible()
    report = phone.locator("li.card", has_text="Workshop om borgermøder")
    expect(report.get_by_text("Venter på godkendelse")).to_be_visible()
    expect(report.get_by_role("link", name="Ret rapporten")).to_be_visible()
    fits(phone)
    screenshot("submitted", phone)

    staff = make_page(PHONE)
    log_in(staff, "karen@example.org")
    staff.get_by_role("link", name="aktivitetsrapport venter på godkendelse").click()
    expect(staff.get_by_text("Workshop om borgermøder i Nakuru.")).to_be_visible()
    fits(staff)
    staff.get_by_role("button", name="Godkend").click()
    expect(staff.get_by_text("Rapporten er godkendt og låst.")).to_be_visible()

    phone.reload()
    report = phone.locator("li.card", has_text="Workshop om borgermøder")
    expect(report.get_by_text("Godkendt", exact=True)).to_be_visible()
    expect(report.get_by_text("Godkendt og låst.")).to_be_visible()
    expect(report.get_by_role("link", name="Ret rapporten")).to_have_count(0)
    fits(phone)
    screenshot("approved", phone)
