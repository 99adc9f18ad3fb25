"""The public pages' cache: anonymous visitors share pages per language, every change to a
project or need shows at once, and nothing personal is ever kept or handed to someone else."""

import pytest
from sqlalchemy import update

from crm.auth.models import Role
from crm.extensions import db as _db
from crm.models import Project
from tests.projects.conftest import need_form


@pytest.fixture()
def need(make_project, make_need):
    """An open need in an active project."""
    return make_need(project=make_project(title="Valgobservation i Ghana"), title="Observatør")


def change_behind_the_apps_back(project_id: int, title: str) -> None:
    """Change a title with one UPDATE statement, which the cache is never told of."""
    _db.session.execute(update(Project).where(Project.id == project_id).values(title=title))
    _db.session.commit()


def test_anonymous_visitors_share_one_rendering_of_each_page(client, db, need):
    assert "Valgobservation i Ghana" in client.get("/").get_data(as_text=True)
    assert "Valgobservation i Ghana" in client.get(f"/p/{need.project_id}").get_data(as_text=True)
    change_behind_the_apps_back(need.project_id, "Usynlig ændring")
    assert "Valgobservation i Ghana" in client.get("/").get_data(as_text=True)
    assert "Valgobservation i Ghana" in client.get(f"/p/{need.project_id}").get_data(as_text=True)


def test_an_edited_project_shows_at_once(app, db, need, make_user):
    anonymous = app.test_client()
    assert "Valgobservation i Ghana" in anonymous.get("/").get_data(as_text=True)
    assert "Observatør" in anonymous.get(f"/p/{need.project_id}").get_data(as_text=True)
    make_user(Role.CONSULTANT, email="k@example.org")
    consultant = app.test_client()
    consultant.post("/login", data={"email": "k@example.org", "password": "correct horse battery"})
    project = db.session.get(Project, need.project_id)
    response = consultant.post(
        f"/projects/{project.id}/edit",
        data={"title": "Valgobservation i Togo", "status": "active", "version": project.version},
    )
    assert response.status_code == 302
    assert "Valgobservation i Togo" in anonymous.get("/").get_data(as_text=True)
    assert "Valgobservation i Togo" in anonymous.get(f"/p/{project.id}").get_data(as_text=True)


def test_a_closed_need_leaves_the_public_pages_at_once(app, db, need, make_user):
    anonymous = app.test_client()
    assert "Observatør" in anonymous.get(f"/p/{need.project_id}").get_data(as_text=True)
    assert "1 åben opgave" in anonymous.get("/").get_data(as_text=True)
    make_user(Role.CONSULTANT, email="k@example.org")
    consultant = app.test_client()
    consultant.post("/login", data={"email": "k@example.org", "password": "correct horse battery"})
    response = consultant.post(f"/projects/needs/{need.id}/edit", data=need_form(need, "closed"))
    assert response.status_code == 302
    assert "Observatør" not in anonymous.get(f"/p/{need.project_id}").get_data(as_text=True)
    assert "1 åben opgave" not in anonymous.get("/").get_data(as_text=True)


def test_a_new_need_shows_at_once(client, db, need, make_need):
    assert "Tolk" not in client.get(f"/p/{need.project_id}").get_data(as_text=True)
    make_need(project=db.session.get(Project, need.project_id), title="Tolk")
    assert "Tolk" in client.get(f"/p/{need.project_id}").get_data(as_text=True)


def test_each_language_has_its_own_page(app, db, need):
    danish, english = app.test_client(), app.test_client()
    english.post("/language", data={"locale": "en"})
    assert "Projekter" in danish.get("/").get_data(as_text=True)
    html = english.get("/").get_data(as_text=True)
    assert "Projects" in html and "Projekter" not in html
    assert "Projekter" in danish.get("/").get_data(as_text=True)


def test_logged_in_users_get_their_own_page_and_never_the_shared_one(app, db, need, make_user):
    anonymous = app.test_client()
    assert "Log ind" in anonymous.get("/").get_data(as_text=True)
    make_user(Role.VOLUNTEER, email="v@example.org")
    volunteer = app.test_client()
    volunteer.post("/login", data={"email": "v@example.org", "password": "correct horse battery"})
    response = volunteer.get("/")
    html = response.get_data(as_text=True)
    assert "Min profil" in html and "Log ud" in html and 'name="csrf_token"' in html
    assert response.headers["Cache-Control"] == "no-store"
    html = anonymous.get("/").get_data(as_text=True)
    assert "Min profil" not in html and "Log ud" not in html


def test_a_flashed_message_reaches_its_visitor_only(app, db, need, make_user):
    assert "Du er logget ud" not in app.test_client().get("/").get_data(as_text=True)
    make_user(Role.VOLUNTEER, email="v@example.org")
    leaving = app.test_client()
    leaving.post("/login", data={"email": "v@example.org", "password": "correct horse battery"})
    after_logout = leaving.post("/logout", follow_redirects=True).get_data(as_text=True)
    assert "Du er logget ud" in after_logout
    assert "Du er logget ud" not in leaving.get("/").get_data(as_text=True)
    assert "Du er logget ud" not in app.test_client().get("/").get_data(as_text=True)


def test_a_shared_page_holds_no_token_and_sets_no_cookie(client, db, need):
    for path in ("/", f"/p/{need.project_id}"):
        for _ in range(2):  # rendered, then from the cache
            response = client.get(path)
            assert "csrf_token" not in response.get_data(as_text=True)
            assert "Set-Cookie" not in response.headers


def test_a_filter_is_cached_apart_and_an_unknown_one_is_said_every_time(client, db, need):
    ghana = client.get(f"/p/{need.project_id}?area=local-democracy").get_data(as_text=True)
    assert "Observatør" in ghana
    unknown = "/?area=no-such-area"
    for _ in range(2):
        assert "så det bruges ikke" in client.get(unknown).get_data(as_text=True)
    assert "så det bruges ikke" not in client.get("/").get_data(as_text=True)


def test_the_language_switch_needs_a_token_only_when_logged_in(app, db, make_user):
    make_user(Role.VOLUNTEER, email="v@example.org")
    app.config["WTF_CSRF_ENABLED"] = True
    try:
        visitor = app.test_client()
        assert visitor.post("/language", data={"locale": "en"}).status_code == 302
        assert "Projects" in visitor.get("/").get_data(as_text=True)
        user = app.test_client()
        form = user.get("/login").get_data(as_text=True)
        token = form.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        login = {"email": "v@example.org", "password": "correct horse battery"}
        user.post("/login", data={**login, "csrf_token": token})
        assert user.post("/language", data={"locale": "en"}).status_code == 400
    finally:
        app.config["WTF_CSRF_ENABLED"] = False
