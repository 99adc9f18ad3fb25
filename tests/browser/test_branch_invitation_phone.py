"""A consultant on a phone creates a branch and invites its contact; the contact, on a phone,
accepts and is logged in; removed, the contact is logged out at once. Nothing is wider than
the 375 px screen."""

import re

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from tests.browser.conftest import PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], page.url


def test_invite_accept_and_remove_a_contact_on_a_phone(
    make_page, make_user, outbox, screenshot, db
):
    make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    staff = make_page(PHONE)
    staff.goto("/login")
    staff.get_by_label("E-mail").fill("karen@example.org")
    staff.get_by_label("Adgangskode").fill(PASSWORD)
    staff.get_by_role("button", name="Log ind").click()
    staff.get_by_role("link", name="Afdelinger", exact=True).click()
    fits(staff)
    staff.get_by_role("link", name="Ny afdeling").click()
    staff.get_by_label("Navn").fill("Socialdemokratiet i Ærø")
    staff.get_by_label("Kommune").fill("Ærø")
    staff.get_by_label("Region").select_option("Syddanmark")
    staff.get_by_role("button", name="Gem afdeling").click()
    expect(staff.get_by_text("Afdelingen er oprettet.")).to_be_visible()

    invite = staff.locator("form", has=staff.get_by_role("button", name="Send invitation"))
    invite.get_by_label("Navn").fill("Bodil Kristensen-Vestergaard")
    invite.get_by_label("E-mail").fill("bodil.kristensen-vestergaard@example.org")
    invite.get_by_role("button", name="Send invitation").click()
    expect(staff.get_by_text("Inviteret, har ikke valgt adgangskode endnu")).to_be_visible()
    fits(staff)
    screenshot("contacts", staff)

    link = re.search(r"http://localhost(/invitation/\S+)", outbox.last_body()).group(1)
    contact = make_page(PHONE)
    contact.goto(link)
    expect(
        contact.get_by_role("heading", name=re.compile("Socialdemokratiet i Ærø"))
    ).to_be_visible()
    fits(contact)
    screenshot("invitation", contact)
    contact.get_by_label("Adgangskode", exact=True).fill("en lang ny adgangskode")
    contact.get_by_label("Gentag adgangskode").fill("en lang ny adgangskode")
    contact.get_by_role("button", name="Vælg adgangskode og log ind").click()
    contact.wait_for_url("**/branch/")

    staff.reload()
    expect(staff.get_by_text("Sidst logget ind")).to_be_visible()
    staff.get_by_role("button", name="Fjern Bodil Kristensen-Vestergaard som kontaktperson").click()
    expect(staff.get_by_text("er ikke længere kontaktperson for afdelingen")).to_be_visible()

    contact.goto("/account/password")
    contact.wait_for_url("**/login**")
    contact.goto(link)
    heading = contact.get_by_role("heading", name="Invitationen er ikke længere gyldig")
    expect(heading).to_be_visible()
