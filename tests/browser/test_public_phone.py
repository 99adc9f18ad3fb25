"""The public front page and project page at phone width: short, filterable, with the actions."""

import re

import pytest
from playwright.sync_api import expect

from crm.demo.projects import load_projects
from tests.browser.conftest import DESKTOP, PHONE
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

MAX_FRONT_PAGE_HEIGHT = 6500
"""Pixels at 375 px width for the 7 demo projects with their 17 open needs and a project with
7 more: about 5,600 today; listing every need, as the page did before, took about 10,100."""


@pytest.fixture()
def demo(db, make_project, make_need):
    """The demo projects, and one more with seven open needs."""
    projects, needs = load_projects()
    db.session.commit()
    big = make_project(title="Et stort projekt med mange opgaver")
    needs += [make_need(project=big, title=f"Opgave {n}") for n in range(1, 8)]
    return [*projects, big], needs


def test_front_page_at_phone_width_is_not_a_wall_of_needs(page, demo, screenshot):
    projects, needs = demo
    page.goto("/")
    per_project = [
        card.locator(".need-list > li").count() for card in page.locator(".public-project").all()
    ]
    assert len(per_project) == len(projects) and max(per_project) == 3
    assert sum(per_project) < len(needs)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert height < MAX_FRONT_PAGE_HEIGHT, height
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]  # nothing sticks out sideways
    expect(page.get_by_role("link", name="Se alle 7 opgaver")).to_be_visible()
    screenshot("front-da-phone")


def test_filter_and_volunteer_for_a_need_at_phone_width(page, demo, screenshot):
    page.goto("/")
    page.get_by_label("Kompetenceområde").select_option(label="Kandidattræning")
    page.get_by_role("button", name="Vis opgaver").click()
    assert "area=candidate-training" in page.url
    expect(page.locator("main")).to_contain_text("passer til filteret")
    titles = page.locator(".public-project .need-list > li a").all_inner_texts()
    assert titles and all(
        title
        in (
            "Underviser på forårets kandidatskole",
            "Kandidattræner før lokalvalget",
            "Underviser på skolen for kvinder og unge",
            "Mentor for kvindelige lokalpolitikere",
            "Workshopleder i Nepal",
        )
        for title in titles
    ), titles
    page.locator(".public-project .need-list > li a").first.click()
    assert "area=candidate-training" in page.url  # the filter follows to the project page
    need = page.locator("article.public-need").first
    need.get_by_text("Min afdeling kan hjælpe").click()  # a <details>: no JavaScript needed
    expect(need.locator(".branch-help")).to_contain_text("Bed kontaktpersonen i din afdeling")
    screenshot("project-filtered-da-phone")
    need.get_by_role("link", name="Meld dig som frivillig til denne opgave").click()
    expect(page.locator("main")).to_contain_text("Du melder dig til opgaven")


@pytest.mark.parametrize("locale", ["da-DK", "en-GB"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_screenshots_of_the_public_pages(make_page, demo, screenshot, locale, viewport):
    projects, _needs = demo
    page = make_page(viewport, locale)
    page.goto("/")
    if locale.startswith("en"):
        page.locator("form.lang-switch button").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("International projects")
    screenshot("front", page)
    page.goto(f"/p/{projects[1].id}")
    screenshot("project", page)


def test_volunteer_for_a_need_register_and_find_it_first_at_phone_width(
    page, demo, outbox, screenshot
):
    projects, _needs = demo
    page.goto(f"/p/{projects[0].id}")
    need = page.locator("article.public-need").first
    title = need.locator("h3").inner_text()
    need.get_by_role("link", name="Meld dig som frivillig til denne opgave").click()
    expect(page.locator("main")).to_contain_text(f"Du melder dig til opgaven “{title}”")
    screenshot("1-register")
    page.get_by_label("Fornavn").fill("Sofie")
    page.get_by_label("Efternavn").fill("Nielsen")
    page.get_by_label("E-mail").fill("sofie@example.org")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.get_by_label("Gentag adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Opret konto").click()

    link = re.search(r"https?://[^/\s]+(/confirm/\S+)", outbox.last_body()).group(1)
    page.goto(link)
    page.get_by_label("E-mail").fill("sofie@example.org")
    page.get_by_label("Adgangskode", exact=True).fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Min profil")
    page.goto("/me/profile/consent")  # straight to the last step: consent is what matching needs
    page.get_by_label(re.compile("^Jeg giver samtykke")).check()
    page.get_by_role("button", name="Gem og afslut").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Opgaver til mig")
    first = page.locator("ol.fits > li").first
    expect(first).to_contain_text("Du kom hertil fra denne opgave")
    expect(first.locator("h3")).to_have_text(title)
    expect(first.get_by_role("button", name=re.compile("^Jeg vil gerne være med"))).to_be_visible()
    screenshot("2-needs-for-me")
