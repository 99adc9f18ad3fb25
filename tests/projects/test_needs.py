"""Consultants add and edit needs with requirement rows; bad input and stale edits are refused."""

import pytest
from sqlalchemy import select

from crm.models import Need
from tests.projects.conftest import NEED_FORM


def _saved_need(db) -> Need:
    db.session.expire_all()
    return db.session.scalar(select(Need))


def test_consultant_adds_a_need_with_requirements(client, db, consultant, make_project):
    project = make_project()
    form = client.get(f"/projects/{project.id}/needs/new").get_data(as_text=True)
    assert 'name="skills-1-area"' in form and 'name="languages-1-code"' in form
    assert "Lokaldemokrati og kommunalpolitik" in form  # taxonomy labels in Danish

    response = client.post(f"/projects/{project.id}/needs/new", data=NEED_FORM)
    need = _saved_need(db)
    assert response.headers["Location"] == f"/projects/needs/{need.id}"
    assert need.project_id == project.id and need.title == "Træner i lokaldemokrati"
    assert [(s.area, s.min_level, s.weight) for s in need.skills] == [
        ("local-democracy", 2, 4),
        ("public-dialogue", 1, 1),
    ]  # the empty third row is ignored
    assert [(lang.code, lang.min_level, lang.required) for lang in need.languages] == [
        ("en", "B2", True),
        ("sw", "A2", False),
    ]
    assert [c.code for c in need.countries] == ["KE"]
    assert (need.hours_per_month, need.travel, need.seats, need.status) == (10, "short", 2, "open")

    html = client.get(f"/projects/needs/{need.id}").get_data(as_text=True)
    assert "Folkemøder og borgerdialog" in html and "swahili A2 (ønsket)" in html
    assert f'href="/consultant/needs/{need.id}"' in html
    assert "Træner i lokaldemokrati" in client.get(f"/projects/{project.id}").get_data(True)


def test_add_row_button_shows_one_more_row_and_saves_nothing(client, db, consultant, make_project):
    project = make_project()
    data = {**NEED_FORM, "add_row": "skills"}
    html = client.post(f"/projects/{project.id}/needs/new", data=data).get_data(as_text=True)
    assert 'name="skills-3-area"' in html and 'name="languages-3-code"' not in html
    assert 'value="Træner i lokaldemokrati"' in html  # what was typed is kept
    assert _saved_need(db) is None


def test_edit_need_removes_and_changes_rows(client, db, consultant, make_need):
    need = make_need(skills=(("local-democracy", 2, 3), ("campaigning", 1, 1)))
    form = client.get(f"/projects/needs/{need.id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form
    assert 'name="skills-2-area"' in form  # one empty row to add to
    data = {
        **NEED_FORM,
        "version": "1",
        "skills-0-area": "local-democracy",
        "skills-0-min_level": "3",
        "skills-0-weight": "5",
        "skills-1-area": "campaigning",
        "skills-1-min_level": "1",
        "skills-1-weight": "1",
        "skills-1-remove": "y",
        "skills-2-area": "",
    }
    assert client.post(f"/projects/needs/{need.id}/edit", data=data).status_code == 302
    need = _saved_need(db)
    assert [(s.area, s.min_level, s.weight) for s in need.skills] == [("local-democracy", 3, 5)]
    assert need.version == 2


def test_a_stale_need_edit_is_refused_even_when_only_requirements_changed(
    client, db, consultant, make_need
):
    need = make_need()
    first = {**NEED_FORM, "version": "1", "title": need.title, "skills-0-weight": "5"}
    assert client.post(f"/projects/needs/{need.id}/edit", data=first).status_code == 302
    assert _saved_need(db).version == 2
    second = {**NEED_FORM, "version": "1", "title": "Min titel", "skills-0-weight": "1"}
    response = client.post(f"/projects/needs/{need.id}/edit", data=second)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "en anden har gemt behovet" in html and 'value="Min titel"' in html
    need = _saved_need(db)
    assert need.title == "Træner i lokaldemokrati" and need.skills[0].weight == 5
    assert need.version == 2


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"languages-0-code": "xx"}, "languages-0-code", "Vælg et sprog på listen."),
        ({"languages-0-min_level": "D1"}, "languages-0-min_level", "Vælg en af mulighederne."),
        ({"skills-0-area": "juggling"}, "skills-0-area", "Vælg et kompetenceområde på listen."),
        ({"skills-0-min_level": "5"}, "skills-0-min_level", "Vælg en af mulighederne."),
        ({"skills-0-weight": "9"}, "skills-0-weight", "Vælg en af mulighederne."),
        ({"skills-1-area": "local-democracy"}, "skills-1-area", "to gange"),
        ({"skills-2-min_level": "3"}, "skills-2-area", "Vælg et kompetenceområde, eller"),
        ({"skills-2-weight": "5"}, "skills-2-area", "sæt flueben ved Fjern"),
        ({"languages-2-min_level": "C1"}, "languages-2-code", "Vælg et sprog, eller sæt"),
        ({"languages-2-required": "preferred"}, "languages-2-code", "Vælg et sprog, eller"),
        ({"countries": ["KE", "QQ"]}, "countries", "Ukendt landekode: QQ"),
        ({"period_from": "2027-06-01", "period_to": "2027-05-01"}, "period_to", "Slutdatoen"),
        ({"title": "t" * 201}, "title", "højst 200 tegn"),
        ({"title": "   "}, "title", "Giv behovet en titel."),
        ({"description": "d" * 5001}, "description", "højst 5000 tegn"),
        ({"hours_per_month": "500"}, "hours_per_month", "Mellem 1 og 200."),
        ({"hours_per_month": "mange"}, "hours_per_month", "Skriv et helt tal."),
        ({"seats": "0"}, "seats", ""),
        ({"travel": "teleport"}, "travel", "Vælg en af mulighederne."),
        ({"deadline": "i morgen"}, "deadline", "Skriv en gyldig dato."),
    ],
)
def test_bad_need_input_is_shown_next_to_the_field(
    client, db, consultant, make_project, change, field, message
):
    project = make_project()
    response = client.post(f"/projects/{project.id}/needs/new", data={**NEED_FORM, **change})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html
    assert message in html
    assert _saved_need(db) is None


def test_unknown_need_is_404(client, db, consultant):
    assert client.get("/projects/needs/999").status_code == 404
    assert client.get("/projects/needs/999/edit").status_code == 404


def test_a_half_filled_row_keeps_its_values_and_can_be_removed(
    client, db, consultant, make_project
):
    project = make_project()
    url = f"/projects/{project.id}/needs/new"
    half = {**NEED_FORM, "skills-2-min_level": "4", "languages-2-min_level": "C1"}
    html = client.post(url, data=half).get_data(as_text=True)
    assert 'id="skills-2-area-error"' in html and 'id="languages-2-code-error"' in html
    assert 'name="skills-2-remove"' in html and 'name="languages-2-remove"' in html
    assert _saved_need(db) is None
    removed = {**half, "skills-2-remove": "y", "languages-2-remove": "y"}
    assert client.post(url, data=removed).status_code == 302
    need = _saved_need(db)
    assert len(need.skills) == 2 and len(need.languages) == 2
