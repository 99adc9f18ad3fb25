"""The public front page and project pages: active projects, open needs, public fields only."""

from datetime import date

import pytest
from sqlalchemy import event

from crm.models import ExperienceEntry, NeedCountry, ProjectCountry


@pytest.fixture()
def projects(make_project, make_need):
    """An active project with an open, a filled and a closed need, and two non-public projects."""
    active = make_project(
        title="Lokaldemokrati i Kenya",
        partners="Søsterpartiet i Kenya",
        countries=[ProjectCountry(code="KE")],
    )
    make_need(
        project=active,
        title="Åbent behov for træner",
        description="Træn lokale ledere i at drive en afdeling.",
        skills=(("branch-development", 3, 5),),
        travel="short",
        deadline=date(2027, 1, 31),
        countries=[NeedCountry(code="KE")],
    )
    make_need(project=active, title="Besat behov", status="filled")
    make_need(project=active, title="Lukket behov", status="closed")
    planning = make_project(title="Projekt under planlægning", status="planning")
    make_need(project=planning, title="Behov i planlagt projekt")
    closed = make_project(title="Afsluttet projekt", status="closed")
    make_need(project=closed, title="Behov i afsluttet projekt")
    return active, planning, closed


def test_front_page_lists_active_projects_and_only_open_needs(client, db, projects):
    html = client.get("/").get_data(as_text=True)
    assert "Lokaldemokrati i Kenya" in html and "Kenya" in html
    assert "Åbent behov for træner" in html and "1 åben opgave" in html
    assert "Korte rejser (op til to uger)" in html and "31. januar 2027" in html
    for hidden in (
        "Besat behov",
        "Lukket behov",
        "Projekt under planlægning",
        "Behov i planlagt projekt",
        "Afsluttet projekt",
        "Behov i afsluttet projekt",
    ):
        assert hidden not in html


def test_project_page_shows_what_a_need_asks_for_in_words(client, db, projects):
    html = client.get(f"/p/{projects[0].id}").get_data(as_text=True)
    assert "Træn lokale ledere" in html and "Søsterpartiet i Kenya" in html
    assert "Udvikling af lokalafdelinger" in html and "mindst: erfaren" in html
    assert "Korte rejser (op til to uger)" in html and "31. januar 2027" in html
    assert "1. marts 2027 – 30. juni 2027" in html and "Kenya" in html


def test_front_page_speaks_english_on_request(client, db, projects):
    client.post("/language", data={"locale": "en"})
    assert "January 31, 2027" in client.get("/").get_data(as_text=True)
    html = client.get(f"/p/{projects[0].id}").get_data(as_text=True)
    assert "Local party branch development" in html and "at least: experienced" in html


def test_front_page_invites_to_register_with_the_configured_contact(app, client, db, projects):
    html = client.get("/").get_data(as_text=True)
    assert 'href="/register"' in html
    assert app.config["CONSULTANT_NAME"] in html
    assert f"mailto:{app.config['CONSULTANT_EMAIL']}" in html


def test_public_pages_show_no_volunteer_data(client, db, projects, make_volunteer):
    volunteer = make_volunteer(
        first_name="Hemmelig",
        last_name="Frivilligsen",
        email="hemmelig@example.org",
        phone="+45 12 34 56 78",
    )
    db.session.add(ExperienceEntry(volunteer_id=volunteer.id, description="Privat erfaring"))
    db.session.commit()
    active = projects[0]
    for url in ("/", f"/p/{active.id}"):
        html = client.get(url).get_data(as_text=True)
        for secret in (
            "Hemmelig",
            "Frivilligsen",
            "hemmelig@example.org",
            "12 34 56 78",
            "Privat erfaring",
        ):
            assert secret not in html, (url, secret)


def test_public_project_page_shows_open_needs_in_full(client, db, projects):
    active, planning, closed = projects
    response = client.get(f"/p/{active.id}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Åbent behov for træner" in html and "engelsk B2 (påkrævet)" in html
    assert "Besat behov" not in html and "Lukket behov" not in html
    assert client.get(f"/p/{planning.id}").status_code == 404
    assert client.get(f"/p/{closed.id}").status_code == 404
    assert client.get("/p/999").status_code == 404


def test_front_page_without_projects_still_invites(client, db):
    html = client.get("/").get_data(as_text=True)
    assert "ingen aktive projekter" in html and 'href="/register"' in html


def _count_queries(app, client, url) -> int:
    statements = []

    def count(*args):
        statements.append(args[2])

    with app.app_context():
        from crm.extensions import db

        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_front_page_queries_do_not_grow_with_the_number_of_projects(
    app, client, db, make_project, make_need
):
    def add_project(n):
        project = make_project(title=f"Projekt {n}", countries=[ProjectCountry(code="KE")])
        make_need(project=project, countries=[NeedCountry(code="KE")])
        make_need(project=project)

    add_project(0)
    few = _count_queries(app, client, "/")
    for n in range(1, 6):
        add_project(n)
    many = _count_queries(app, client, "/")
    assert many == few
