"""The profile's country and language pickers put the likely ones first and can be searched."""

import re

from crm.projects.models import ProjectCountry


def groups(html: str, name: str) -> list[tuple[str, list[str]]]:
    """(optgroup label, option values) of the named select, in page order."""
    select = re.search(rf'<select[^>]*name="{name}".*?</select>', html, re.S).group(0)
    return [
        (label, re.findall(r'value="([^"]*)"', body))
        for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select, re.S)
    ]


def test_the_active_projects_countries_come_first(client, volunteer, make_project, db):
    for status, codes in (("active", ["UG", "KE"]), ("active", ["KE"]), ("closed", ["NP"])):
        project = make_project(status=status)
        project.countries = [ProjectCountry(code=c) for c in codes]
    db.session.commit()
    html = client.get("/me/profile/countries").get_data(as_text=True)
    (label, likely), (other, rest) = groups(html, "entries-0-code")
    assert label == "Lande, hvor vi har aktive projekter"
    assert likely == ["KE", "UG"]  # Kenya has two active projects; Nepal's project is closed
    assert other == "Alle andre lande" and "NP" in rest and "KE" not in rest
    assert re.search(r'<select[^>]*data-searchable[^>]*name="entries-0-code"', html)
    assert '<script src="/static/js/picker.js" defer></script>' in html


def test_without_active_projects_the_countries_are_one_list(client, volunteer):
    html = client.get("/me/profile/countries").get_data(as_text=True)
    assert groups(html, "entries-0-code") == []
    assert ">Kenya</option>" in html


def test_danish_and_english_lead_the_languages(client, volunteer, make_project, db):
    project = make_project()
    project.countries = [ProjectCountry(code="BO")]
    db.session.commit()
    html = client.get("/me/profile/languages").get_data(as_text=True)
    (label, likely), (_other, rest) = groups(html, "entries-0-code")
    assert label == "Mest oplagte sprog"
    assert likely[:3] == ["da", "en", "es"]  # then Bolivia's other languages, then common ones
    assert {"fr", "ru", "ar"} <= set(likely) and "da" not in rest
    assert ">dansk</option>" in html


def test_a_language_from_the_likely_group_is_saved(client, volunteer, post_step):
    response = post_step(volunteer, "languages", {"entries-0-code": "da", "entries-0-level": "C2"})
    assert response.status_code == 302


def test_the_other_steps_load_no_picker_script(client, volunteer):
    html = client.get("/me/profile/motivation").get_data(as_text=True)
    assert "picker.js" not in html
