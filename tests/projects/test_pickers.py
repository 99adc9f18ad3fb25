"""The need form's country and language pickers: the project's countries first and chosen."""

import re

from crm.projects.models import ProjectCountry


def groups(html: str, name: str) -> list[tuple[str, list[str]]]:
    """(optgroup label, option values) of the named select, in page order."""
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return [
        (label, re.findall(r'value="([^"]*)"', body))
        for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    ]


def selected(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option selected value="([^"]*)"', select)


def project_in(make_project, db, *codes):
    project = make_project()
    project.countries = [ProjectCountry(code=c) for c in codes]
    db.session.commit()
    return project


def test_a_new_need_starts_in_its_projects_countries(client, consultant, make_project, db):
    project = project_in(make_project, db, "TZ", "KE")
    html = client.get(f"/projects/{project.id}/needs/new").get_data(as_text=True)
    assert sorted(selected(html, "countries")) == ["KE", "TZ"]
    first, rest = groups(html, "countries")
    assert first == ("Projektets lande", ["KE", "TZ"])  # by name: Kenya, Tanzania
    assert rest[0] == "Alle andre lande" and "KE" not in rest[1] and "DK" in rest[1]


def test_the_need_languages_start_with_danish_english_and_the_countries_languages(
    client, consultant, make_project, db
):
    project = project_in(make_project, db, "TN")
    html = client.get(f"/projects/{project.id}/needs/new").get_data(as_text=True)
    (label, likely), (other, _rest) = groups(html, "languages-0-code")
    assert label == "Mest oplagte sprog" and other == "Alle andre sprog"
    assert likely[:4] == ["da", "en", "ar", "fr"]  # Tunisia: Arabic and French
    assert "es" in likely and "ru" in likely


def test_an_edited_need_still_offers_its_projects_countries_first(
    client, consultant, make_project, make_need, db
):
    project = project_in(make_project, db, "MM")
    need = make_need(project=project)
    html = client.get(f"/projects/needs/{need.id}/edit").get_data(as_text=True)
    assert groups(html, "countries")[0] == ("Projektets lande", ["MM"])
    assert selected(html, "countries") == []  # an existing need keeps its own countries


def test_the_pickers_are_searchable_with_the_script_served(client, consultant, make_project, db):
    project = project_in(make_project, db, "KE")
    html = client.get(f"/projects/{project.id}/needs/new").get_data(as_text=True)
    countries = re.search(r'<select[^>]*name="countries"[^>]*>', html).group(0)
    assert "data-searchable" in countries and 'data-search-label="Søg i listen"' in countries
    assert '<script src="/static/js/picker.js" defer></script>' in html
    script = client.get("/static/js/picker.js")
    assert script.status_code == 200 and "data-searchable" in script.get_data(as_text=True)
    script.close()


def test_names_follow_the_users_language(client, consultant, make_project, db):
    project = project_in(make_project, db, "DE")
    client.post("/language", data={"locale": "en"})
    html = client.get(f"/projects/{project.id}/needs/new").get_data(as_text=True)
    assert groups(html, "countries")[0] == ("The project's countries", ["DE"])
    assert ">Germany</option>" in html
