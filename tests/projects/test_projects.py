"""Consultants create, list, show and edit projects; bad input and stale edits are refused."""

import pytest
from sqlalchemy import select, update

from crm.locking import StaleEdit
from crm.models import Project
from crm.projects import services
from tests.projects.conftest import PROJECT_FORM


def test_consultant_creates_a_project_and_sees_it_listed(client, db, consultant):
    response = client.post("/projects/new", data=PROJECT_FORM)
    project = db.session.scalar(select(Project))
    assert response.headers["Location"] == f"/projects/{project.id}"
    assert project.title == "Lokaldemokrati i Kenya" and project.funder == "DIPD"
    assert [c.code for c in project.countries] == ["KE", "TZ"]
    assert project.start_date.isoformat() == "2027-01-01" and project.status == "active"

    html = client.get("/projects/").get_data(as_text=True)
    assert "Lokaldemokrati i Kenya" in html and "Kenya, Tanzania" in html
    html = client.get(f"/projects/{project.id}").get_data(as_text=True)
    assert "Venstre, SF" in html and "Partier i Kenya" in html


def test_list_filters_by_status_and_counts_open_needs(
    client, db, consultant, make_project, make_need
):
    active = make_project(title="Aktivt projekt", status="active")
    make_project(title="Planlagt projekt", status="planning")
    make_need(project=active, status="open")
    make_need(project=active, status="filled")
    html = client.get("/projects/?status=active").get_data(as_text=True)
    assert "Aktivt projekt" in html and "Planlagt projekt" not in html
    assert "1 af 2" in html
    assert "Planlagt projekt" in client.get("/projects/").get_data(as_text=True)


def test_edit_project_saves_and_bumps_the_version(client, db, consultant, make_project):
    project = make_project()
    form = client.get(f"/projects/{project.id}/edit").get_data(as_text=True)
    assert 'name="version" type="hidden" value="1"' in form
    data = {**PROJECT_FORM, "title": "Nyt navn", "countries": ["KE"], "version": "1"}
    response = client.post(f"/projects/{project.id}/edit", data=data)
    assert response.status_code == 302
    db.session.expire_all()
    project = db.session.get(Project, project.id)
    assert project.title == "Nyt navn" and project.version == 2
    assert [c.code for c in project.countries] == ["KE"]


def test_a_stale_project_edit_is_refused_and_nothing_is_overwritten(
    client, db, consultant, make_project
):
    project = make_project()
    # Two consultants open the form at version 1; the first one saves.
    first = {**PROJECT_FORM, "title": "Første konsulents titel", "version": "1"}
    assert client.post(f"/projects/{project.id}/edit", data=first).status_code == 302
    second = {**PROJECT_FORM, "title": "Anden konsulents titel", "version": "1"}
    response = client.post(f"/projects/{project.id}/edit", data=second)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "ikke gemt" in html and "Anden konsulents titel" in html  # their text is kept
    db.session.expire_all()
    project = db.session.get(Project, project.id)
    assert project.title == "Første konsulents titel" and project.version == 2


def test_a_garbled_version_is_refused_too(client, db, consultant, make_project):
    project = make_project()
    data = {**PROJECT_FORM, "version": "abc"}
    assert client.post(f"/projects/{project.id}/edit", data=data).status_code == 409


def test_a_concurrent_save_between_read_and_write_is_refused(db, make_project):
    project = db.session.get(Project, make_project().id)
    assert project.version == 1
    # Another consultant's save lands after we read the row and before we write it.
    with db.engine.begin() as other:
        other.execute(
            update(Project).where(Project.id == project.id).values(title="Andens", version=2)
        )
    data = services.ProjectData(title="Mit navn", status="active", countries=["KE"])
    with pytest.raises(StaleEdit):
        services.update_project(project, data, seen_version=1)
    db.session.rollback()
    assert db.session.get(Project, project.id).title == "Andens"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"countries": ["KE", "XX"]}, "countries", "XX"),
        ({"title": "x" * 201}, "title", "højst 200 tegn"),
        ({"title": ""}, "title", "Giv projektet en titel."),
        ({"partners": "p" * 501}, "partners", "højst 500 tegn"),
        ({"start_date": "2027-06-01", "end_date": "2027-05-31"}, "end_date", "Slutdatoen"),
        ({"start_date": "2027-13-45"}, "start_date", "gyldig dato"),
        ({"status": "archived"}, "status", "Vælg en af mulighederne"),
    ],
)
def test_bad_project_input_is_shown_next_to_the_field(
    client, db, consultant, change, field, message
):
    response = client.post("/projects/new", data={**PROJECT_FORM, **change})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in html
    assert message in html
    assert db.session.scalar(select(Project)) is None


def test_unknown_project_is_404(client, db, consultant):
    assert client.get("/projects/999").status_code == 404
    assert client.get("/projects/999/edit").status_code == 404
    assert client.get("/projects/999/needs/new").status_code == 404
