"""The public need filters (skill area, country, remote work) and the short front page."""

from datetime import date

import pytest

from crm.models import NeedCountry, ProjectCountry


@pytest.fixture()
def needs(make_project, make_need):
    """Two active projects: Kenya (needs in KE, one naming none) and Nepal (a remote need)."""
    kenya = make_project(title="Lokaldemokrati i Kenya", countries=[ProjectCountry(code="KE")])
    nepal = make_project(title="Kvinder i Nepal", countries=[ProjectCountry(code="NP")])
    made = {
        "kenya_local": make_need(
            project=kenya,
            title="Kommunalrådgiver",
            skills=(("local-democracy", 3, 3),),
            travel="short",
            countries=[NeedCountry(code="KE")],
        ),
        "kenya_youth": make_need(  # names no country: it is in its project's
            project=kenya, title="Ungdomsmentor", skills=(("youth-networks", 1, 3),), travel="long"
        ),
        "nepal_remote": make_need(
            project=nepal,
            title="Online kandidattræner",
            skills=(("candidate-training", 2, 3), ("local-democracy", 1, 1)),
            travel="remote",
        ),
        "nepal_trip": make_need(
            project=nepal,
            title="Workshopleder i Kathmandu",
            skills=(("women-in-politics", 2, 3),),
            travel="short",
            countries=[NeedCountry(code="NP")],
        ),
    }
    return made


def titles(html: str, made: dict) -> set[str]:
    return {key for key, need in made.items() if need.title in html}


def test_filter_by_skill_area(client, needs):
    html = client.get("/?area=local-democracy").get_data(as_text=True)
    assert titles(html, needs) == {"kenya_local", "nepal_remote"}
    assert "2 åbne opgaver passer til filteret." in html


def test_filter_by_country_counts_a_need_without_countries_in_its_projects(client, needs):
    html = client.get("/?country=KE").get_data(as_text=True)
    assert titles(html, needs) == {"kenya_local", "kenya_youth"}
    assert "Kvinder i Nepal" not in html  # a project with no need that passes is left out


def test_filter_remote_work(client, needs):
    html = client.get("/?remote=1").get_data(as_text=True)
    assert titles(html, needs) == {"nepal_remote"}
    assert "Lokaldemokrati i Kenya" not in html


def test_filters_combine(client, needs):
    html = client.get("/?area=local-democracy&country=NP&remote=1").get_data(as_text=True)
    assert titles(html, needs) == {"nepal_remote"}
    html = client.get("/?area=local-democracy&country=NP&remote=0").get_data(as_text=True)
    assert titles(html, needs) == {"nepal_remote"}  # remote=0 is "any"
    html = client.get("/?area=youth-networks&remote=1").get_data(as_text=True)
    assert titles(html, needs) == set()
    assert "Ingen åbne opgaver passer til filteret." in html and 'href="/"' in html


def test_the_form_keeps_the_chosen_filters_and_links_carry_them(client, needs):
    html = client.get("/?area=local-democracy&remote=1").get_data(as_text=True)
    assert '<option selected value="local-democracy">' in html
    assert '<input checked id="remote"' in html
    project = needs["nepal_remote"].project_id
    assert f'href="/p/{project}?area=local-democracy&amp;remote=1"' in html
    page = client.get(f"/p/{project}?area=local-democracy&remote=1").get_data(as_text=True)
    assert "Online kandidattræner" in page and "Workshopleder i Kathmandu" not in page
    assert "1 af projektets 2 åbne opgaver passer til filteret." in page
    assert f'href="/p/{project}">Vis alle åbne opgaver' in page


def test_the_choices_are_the_open_needs_areas_and_countries_by_name(client, needs):
    html = client.get("/").get_data(as_text=True)
    form = html.split('role="search"')[1].split("</form>")[0]
    assert ">Kandidattræning</option>" in form and ">Kenya</option>" in form
    assert ">Nepal</option>" in form
    assert "Klima og miljø" not in form and "Sverige" not in form


@pytest.mark.parametrize(
    "query, field",
    [
        ("area=no-such-area", "area"),
        ("area=%3Cscript%3E", "area"),
        ("area=LOCAL-DEMOCRACY", "area"),
        ("country=SE", "country"),  # a country, but no open task is there
        ("country=ZZ", "country"),
    ],
)
def test_an_unknown_value_is_ignored_and_said_so(client, needs, query, field):
    response = client.get(f"/?{query}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html and "så det bruges ikke" in html
    assert titles(html, needs) == set(needs)  # the bad filter is not applied
    assert "<script>" not in html


def test_odd_filter_values_never_fail(client, needs):
    project = needs["kenya_local"].project_id
    odd = (
        "area=&country=&remote=",
        "area=a&area=b",
        "remote=ja",
        "country=ke%00",
        "area=" + "x" * 300,
    )
    for query in odd:
        for url in (f"/?{query}", f"/p/{project}?{query}"):
            assert client.get(url).status_code in (200, 400), url


def test_front_page_lists_only_the_three_nearest_deadlines_per_project(
    client, make_project, make_need
):
    project = make_project(title="Stort projekt")
    for day in (20, 5, 30, 10, 1):
        make_need(project=project, title=f"Opgave med frist {day}", deadline=date(2027, 1, day))
    make_need(project=project, title="Opgave uden frist")
    html = client.get("/").get_data(as_text=True)
    shown = [
        line for line in html.splitlines() if "Opgave med frist" in line or "uden frist" in line
    ]
    assert [s.split(">")[1].split("<")[0] for s in shown] == [
        "Opgave med frist 1",
        "Opgave med frist 5",
        "Opgave med frist 10",
    ]
    assert "6 åbne opgaver" in html and "Se alle 6 opgaver" in html
    page = client.get(f"/p/{project.id}").get_data(as_text=True)
    assert page.count('class="card public-need"') == 6
    assert page.index("Opgave med frist 1<") < page.index("Opgave med frist 30<")
    assert page.index("Opgave med frist 30<") < page.index("Opgave uden frist<")
