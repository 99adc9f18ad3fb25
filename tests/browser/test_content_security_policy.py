"""The strict Content-Security-Policy breaks nothing: each role's main pages load in Chromium
without one CSP violation in the console, and the pickers' and the pipeline's scripts still
work."""

import pytest
from playwright.sync_api import expect

from crm.auth.models import Role
from tests.browser.conftest import DESKTOP
from tests.conftest import PASSWORD
from tests.consultant.factories import add_match

pytestmark = pytest.mark.browser

VIOLATION_WORDS = ("Content Security Policy", "Content-Security-Policy")


class Console:
    """Every console message and page error of one page, and the CSP violations among them."""

    def __init__(self, page):
        self.messages: list[str] = []
        page.on("console", lambda message: self.messages.append(message.text))
        page.on("pageerror", lambda error: self.messages.append(f"page error: {error}"))
        # Reported by the browser itself, so it is seen even if a message is worded otherwise.
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', function (e) {"
            " console.error('Content Security Policy violation: ' + e.violatedDirective"
            " + ' ' + e.blockedURI); });"
        )

    def violations(self) -> list[str]:
        return [m for m in self.messages if any(w in m for w in VIOLATION_WORDS)]


def log_in(page, email: str) -> None:
    page.goto("/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login" not in url)


def visit(page, console: Console, paths: list[str]) -> None:
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("load")
        assert console.violations() == [], path


@pytest.fixture()
def world(make_user, make_volunteer, make_need, make_branch):
    branch = make_branch(name="Afdeling Aarhus")
    need = make_need(title="Kampagnetræner")
    volunteer = make_volunteer(email="frida@example.org", first_name="Frida", branch_id=branch.id)
    add_match(need, volunteer, state="contacted", score=81.0)
    make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    make_user(Role.ADMIN, email="admin@example.org", name="Ada Admin")
    make_user(Role.BRANCH_CONTACT, email="bo@example.org", name="Bo", branch_id=branch.id)
    return {"need": need, "volunteer": volunteer}


def test_anonymous_pages_have_no_csp_violation(make_page, world):
    page = make_page(DESKTOP)
    console = Console(page)
    project_id = world["need"].project_id
    visit(page, console, ["/", f"/p/{project_id}", "/register", "/login", "/privacy"])


def test_volunteer_pages_and_the_picker(make_page, world):
    page = make_page(DESKTOP)
    console = Console(page)
    log_in(page, "frida@example.org")
    visit(page, console, ["/me/", "/me/needs/", "/me/profile/consent", "/account/password"])
    page.goto("/me/profile/countries")
    page.get_by_label("Søg i listen").fill("ostr")
    expect(page.get_by_label("Land", exact=True).locator("option")).to_have_text(
        ["Vælg …", "Østrig"]
    )
    assert console.violations() == []


def test_branch_contact_pages(make_page, world):
    page = make_page(DESKTOP)
    console = Console(page)
    log_in(page, "bo@example.org")
    visit(page, console, ["/branch/", "/branch/experience", "/branch/offers"])


def test_consultant_pages_the_chart_and_the_pipeline_script(make_page, world):
    page = make_page(DESKTOP)
    console = Console(page)
    log_in(page, "karen@example.org")
    need = world["need"]
    visit(
        page,
        console,
        ["/consultant/", f"/projects/{need.project_id}/needs/new", "/contacts/follow-ups"],
    )
    # The chart's colours come from app.css: a bar is filled, not black.
    page.goto("/consultant/")
    fill = page.evaluate("getComputedStyle(document.querySelector('.chart-fill-contacted')).fill")
    assert fill == "rgb(138, 90, 0)"
    page.goto(f"/consultant/volunteers/{world['volunteer'].id}")
    form = page.locator("form.contact-form")
    form.locator("select[name=match_id]").select_option(index=1)
    form.locator("input[name=outcome]").fill("Takker nej, har ikke tid")
    expect(form.locator("select[name=move_to]")).to_have_value("declined")
    assert console.violations() == []


def test_admin_pages(make_page, world):
    page = make_page(DESKTOP)
    console = Console(page)
    log_in(page, "admin@example.org")
    visit(page, console, ["/consultant/", f"/consultant/volunteers/{world['volunteer'].id}"])
