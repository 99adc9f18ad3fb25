"""Outcome areas and project targets, edited by the consultant; a conflicting edit is refused."""

from sqlalchemy import select

from crm.projects.models import Project
from crm.results.models import OutcomeArea, ProjectTarget


def test_add_and_list_an_outcome_area(client, staff, db):
    response = client.post(
        "/results/outcome-areas/new",
        data={
            "name_da": "Flerpartidialog",
            "name_en": "Multiparty dialogue",
            "position": "3",
            "active": "y",
        },
    )
    assert response.status_code == 302
    html = client.get("/results/outcome-areas").get_data(as_text=True)
    assert "Flerpartidialog</a>" in html and "Multiparty dialogue" in html


def test_an_outcome_area_needs_both_names(client, staff):
    html = client.post("/results/outcome-areas/new", data={"name_da": "Kun dansk"}).get_data(
        as_text=True
    )
    assert "Giv området et engelsk navn." in html


def test_edit_an_outcome_area(client, staff, db):
    area = staff.areas[1]
    form = client.get(f"/results/outcome-areas/{area.id}/edit").get_data(as_text=True)
    assert 'value="Stærke partier"' in form
    response = client.post(
        f"/results/outcome-areas/{area.id}/edit",
        data={
            "name_da": "Stærke, demokratiske partier",
            "name_en": "Capable parties",
            "position": "2",
            "version": str(area.version),
        },
    )
    assert response.status_code == 302
    saved = db.session.get(OutcomeArea, area.id)
    db.session.refresh(saved)
    assert (saved.name_da, saved.active) == ("Stærke, demokratiske partier", False)


def test_a_conflicting_outcome_area_edit_is_refused_and_loses_nothing(client, staff, db):
    area = staff.areas[1]
    seen = area.version
    first = {"name_da": "Først", "name_en": "First", "active": "y", "version": str(seen)}
    assert client.post(f"/results/outcome-areas/{area.id}/edit", data=first).status_code == 302
    second = {"name_da": "Min tekst", "name_en": "Mine", "active": "y", "version": str(seen)}
    response = client.post(f"/results/outcome-areas/{area.id}/edit", data=second)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Dine ændringer er ikke gemt" in html
    assert 'value="Min tekst"' in html  # the refused text is still in the form
    db.session.expire_all()
    assert db.session.get(OutcomeArea, area.id).name_da == "Først"


def targets_form(project, rows):
    data = {"version": str(project.version)}
    for i, (measure, area, value) in enumerate(rows):
        data |= {
            f"targets-{i}-measure": measure,
            f"targets-{i}-area": area,
            f"targets-{i}-value": value,
        }
    return data


def stored_targets(db, project_id):
    db.session.expire_all()
    return sorted(
        (t.measure, t.outcome_area_id, t.value)
        for t in db.session.scalars(
            select(ProjectTarget).where(ProjectTarget.project_id == project_id)
        )
    )


def test_the_targets_page_shows_and_saves_the_targets(client, staff, db):
    project = db.session.get(Project, staff.project.id)
    html = client.get(f"/results/projects/{project.id}/targets").get_data(as_text=True)
    assert "Frivillige placeret" in html and "Hele projektet" in html
    a1 = staff.areas[0]
    response = client.post(
        f"/results/projects/{project.id}/targets",
        data=targets_form(
            project, [("volunteers_placed", "", "5"), ("activities", str(a1.id), "8"), ("", "", "")]
        ),
    )
    assert response.status_code == 302
    assert stored_targets(db, project.id) == [
        ("activities", a1.id, 8),
        ("volunteers_placed", None, 5),
    ]


def test_a_target_without_a_value_or_twice_is_explained(client, staff, db):
    project = db.session.get(Project, staff.project.id)
    html = client.post(
        f"/results/projects/{project.id}/targets",
        data=targets_form(project, [("hours", "", ""), ("days", "", "3"), ("days", "", "4")]),
    ).get_data(as_text=True)
    assert "Angiv det tal, der sigtes mod." in html
    assert "Dette mål er allerede sat for samme resultatområde." in html


def test_a_conflicting_targets_edit_is_refused_and_loses_nothing(client, staff, db):
    project = db.session.get(Project, staff.project.id)
    stale = targets_form(project, [("days", "", "99")])
    fresh = targets_form(project, [("hours", "", "40")])
    assert client.post(f"/results/projects/{project.id}/targets", data=fresh).status_code == 302
    response = client.post(f"/results/projects/{project.id}/targets", data=stale)
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "Dine ændringer er ikke gemt" in html
    assert 'value="99"' in html
    assert stored_targets(db, project.id) == [("hours", None, 40)]


def test_the_project_form_takes_the_budget_line(client, staff, db):
    project = db.session.get(Project, staff.project.id)
    response = client.post(
        f"/projects/{project.id}/edit",
        data={
            "title": project.title,
            "funder": "DIPD",
            "budget_line": "PPP 2028-31",
            "status": "active",
            "version": str(project.version),
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Project, project.id).budget_line == "PPP 2028-31"
    assert "PPP 2028-31" in client.get(f"/projects/{project.id}").get_data(as_text=True)
