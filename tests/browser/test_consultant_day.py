"""A consultant's day in the browser: a need, a shortlist, a call, a placement, the dashboard."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from crm.auth.models import Role
from crm.extensions import db
from crm.models import Match, Volunteer
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import PASSWORD
from tests.consultant.factories import add_match

pytestmark = pytest.mark.browser

CANDIDATES = (
    ("Anna", "Andersen", 82.0),
    ("Bjørn", "Bech", 74.0),
    ("Cecilie", "Christensen", 46.0),
    ("Dennis", "Dahl", 38.0),
)


def copenhagen_today() -> date:
    return datetime.now(ZoneInfo("Europe/Copenhagen")).date()


@pytest.fixture()
def day(make_user, make_project, make_need, make_volunteer):
    """A consultant, one open need with three seats and four suggested candidates, two good."""
    make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    project = make_project(title="Lokaldemokrati i Kenya")
    need = make_need(project=project, title="Træner i lokaldemokrati", seats=3)
    volunteers = {}
    for first, last, score in CANDIDATES:
        volunteer = make_volunteer(first_name=first, last_name=last)
        add_match(need, volunteer, score=score)
        volunteers[first] = volunteer
    return need, volunteers


def day_matches(need) -> dict[str, int]:
    """First name -> match id for the need's candidates."""
    rows = db.session.execute(
        select(Volunteer.first_name, Match.id)
        .join(Match, Match.volunteer_id == Volunteer.id)
        .where(Match.need_id == need.id)
    )
    return dict(rows.all())


def figure(page: Page, text: str):
    """The number on the dashboard's key-figure card whose link says exactly `text`."""
    card = page.locator("ul.summary li").filter(has=page.get_by_role("link", name=text, exact=True))
    return card.locator(".figure")


def tab(page: Page, name: str):
    """The need page's pipeline tab for a state, e.g. tab(page, "Shortlistet")."""
    nav = page.get_by_role("navigation", name="Forløbets trin")
    return nav.get_by_role("link", name=re.compile(rf"^{name} \d+$"))


def step(page: Page, tab_name: str, action: str, full_name: str) -> None:
    """Open a state's tab and press a candidate's one-click forward button."""
    tab(page, tab_name).click()
    # The name's visually hidden part is positioned, so Chromium puts a space before its colon.
    page.get_by_role("button", name=re.compile(rf"^{action} ?: {full_name}$")).click()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_consultant_day(make_page, day, screenshot, viewport):
    need, volunteers = day
    page = make_page(viewport)
    tomorrow = copenhagen_today() + timedelta(days=1)

    # Log in and land on the dashboard: nothing placed yet, the need is short of candidates.
    page.goto("/login")
    page.get_by_label("E-mail").fill("karen@example.org")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Overblik")
    expect(figure(page, "placeringer i dette kvartal")).to_have_text("0")  # plural for 0
    short = page.get_by_role("region", name="Åbne behov, der mangler gode kandidater")
    need_row = short.get_by_role("row", name=re.compile("Træner i lokaldemokrati"))
    expect(need_row.get_by_role("cell").nth(3)).to_have_text(
        "2"
    )  # good candidates, fewer than 3 seats
    screenshot("1-dashboard-before", page)

    # Open the need from the dashboard: four suggested candidates, best first.
    need_row.get_by_role("link", name="Træner i lokaldemokrati").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Træner i lokaldemokrati")
    expect(tab(page, "Foreslået")).to_have_text(re.compile(r"Foreslået 4"))
    expect(page.locator("ol.candidates > li .name")).to_have_text(
        ["Anna Andersen", "Bjørn Bech", "Cecilie Christensen", "Dennis Dahl"]
    )
    screenshot("2-need-suggested", page)

    # The bulk form follows the list: below it on a phone (reached by a link, then the
    # keyboard), in a column beside it on a wide screen.
    bulk = page.get_by_role("form", name="Flyt de valgte kandidater").bounding_box()
    last = page.locator("ol.candidates > li").last.bounding_box()
    if viewport == PHONE:
        assert bulk["y"] > last["y"] + last["height"]
        page.get_by_role("link", name="Flyt flere på én gang").click()
        page.keyboard.press("Tab")
        expect(page.get_by_label("Flyt de valgte til")).to_be_focused()
    else:
        expect(page.get_by_role("link", name="Flyt flere på én gang")).to_be_hidden()
        assert bulk["x"] > last["x"] + last["width"]

    # Shortlist Anna and Bjørn in one go with the bulk form.
    page.get_by_label("Vælg Anna Andersen").check()
    page.get_by_label("Vælg Bjørn Bech").check()
    page.get_by_label("Flyt de valgte til").select_option(label="Sæt på shortlisten")
    page.get_by_role("button", name="Udfør for de valgte").click()
    expect(page.get_by_role("status")).to_contain_text("2 kandidater flyttet til “Shortlistet”: ")
    expect(tab(page, "Foreslået")).to_have_text(re.compile(r"Foreslået 2"))
    expect(tab(page, "Shortlistet")).to_have_text(re.compile(r"Shortlistet 2"))
    screenshot("3-need-after-shortlist", page)

    # Phone Anna and log it on her record, with a follow-up for tomorrow. Coming from the
    # need, the need is already chosen and the call marks her as contacted.
    tab(page, "Shortlistet").click()
    page.get_by_role("link", name="Anna Andersen", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Andersen")
    form = page.locator("form", has=page.get_by_role("button", name="Gem i loggen"))
    form.get_by_label("Kanal").select_option(label="Telefon")
    form.get_by_label("Resumé").fill(
        "Ringede til Anna om træneropgaven i Kenya. Hun er meget interesseret."
    )
    form.get_by_label("Resultat").fill("Interesseret")
    expect(form.get_by_label("Om behovet")).to_have_value(str(day_matches(need)["Anna"]))
    move = form.get_by_label("Flyt matchet videre")
    expect(move).to_have_value("contacted")  # a call to a shortlisted volunteer contacts them
    form.get_by_label("Om behovet").select_option(label="—")  # about no need: no move
    expect(move).to_be_hidden()
    form.get_by_label("Om behovet").select_option(
        label="Shortlistet: Træner i lokaldemokrati – Lokaldemokrati i Kenya"
    )
    expect(move).to_be_visible()
    expect(move).to_have_value("contacted")
    # Only the moves a shortlisted match may take are offered (not "placed", for one).
    expect(move.locator("option:not([hidden])")).to_have_text(
        [
            "Ingen ændring",
            "Kontaktet",
            "Interesseret",
            "Takket nej",
            "Ikke egnet",
            "Trukket tilbage",
            "Foreslået",
        ]
    )
    form.get_by_label("Følg op den").fill(tomorrow.isoformat())
    form.get_by_label("Note til opfølgningen").fill("Send projektbeskrivelsen")
    screenshot("4-record-contact-form", page)
    form.get_by_role("button", name="Gem i loggen").click()
    expect(page.locator("main")).to_contain_text(
        "Kontakten med Anna Andersen er logget, og matchet er nu “Kontaktet”."
    )
    assert re.search(r"#contact-\d+$", page.url)  # back at the new entry in the timeline
    timeline = page.get_by_role("region", name="Tidslinje")
    expect(timeline).to_contain_text("Ringede til Anna om træneropgaven i Kenya.")
    expect(timeline).to_contain_text("Send projektbeskrivelsen")
    screenshot("5-record-after-contact", page)

    # Back on the need: Anna is contacted and goes on to interested → placed, one click each.
    page.get_by_role("link", name="Tilbage til Træner i lokaldemokrati").click()
    expect(tab(page, "Shortlistet")).to_have_text(re.compile(r"Shortlistet 1"))
    expect(tab(page, "Kontaktet")).to_have_text(re.compile(r"Kontaktet 1"))
    step(page, "Kontaktet", "Markér som interesseret", "Anna Andersen")
    step(page, "Interesseret", "Placér", "Anna Andersen")
    expect(page.locator("main")).to_contain_text("Anna Andersen er flyttet til “Placeret”.")
    expect(tab(page, "Placeret")).to_have_text(re.compile(r"Placeret 1"))
    expect(tab(page, "Shortlistet")).to_have_text(re.compile(r"Shortlistet 1"))
    expect(tab(page, "Foreslået")).to_have_text(re.compile(r"Foreslået 2"))
    tab(page, "Placeret").click()
    expect(page.locator("ol.candidates > li .name")).to_have_text(["Anna Andersen"])
    screenshot("6-need-placed", page)

    # The dashboard has changed: one placement this quarter, Anna listed under it.
    menu = page.get_by_role("navigation", name="Hovedmenu")
    menu.get_by_role("link", name="Overblik").click()
    expect(figure(page, "placering i dette kvartal")).to_have_text("1")  # singular for 1
    placements = page.get_by_role("region", name="Placeringer i dette kvartal")
    expect(placements).to_contain_text("Anna Andersen – Træner i lokaldemokrati")
    expect(placements.get_by_role("link", name="Træner i lokaldemokrati")).to_have_attribute(
        "href", f"/consultant/needs/{need.id}"
    )
    screenshot("7-dashboard-after", page)

    # Tomorrow's follow-up is on the follow-up list (and not yet among today's).
    expect(page.get_by_role("region", name="Opfølgninger i dag og for sent")).not_to_contain_text(
        "Anna Andersen"
    )
    menu.get_by_role("link", name="Opfølgninger").click()
    item = page.locator("ul.follow-ups > li", has_text="Anna Andersen")
    expect(item).to_contain_text("Send projektbeskrivelsen")
    expect(item).to_contain_text(str(tomorrow.day))
    screenshot("8-follow-ups", page)
