"""Your own sessions: the page lists where you are logged in, and "Log out on every other
device" ends every session but this one."""

from crm.auth.models import Role
from tests.admin.conftest import log_in


def test_the_page_lists_each_session_and_marks_this_device(app, client, make_user):
    user = make_user(Role.VOLUNTEER, email="vera@example.org")
    log_in(client, user.email)
    phone = app.test_client()
    log_in(phone, user.email, remember=True)
    html = client.get("/account/sessions").get_data(as_text=True)
    assert html.count("<tr>") == 3  # the header and two sessions
    assert html.count("denne enhed") == 1
    assert "ikke husket" in html  # this one, without remember-me
    assert "Log ud på alle andre enheder" in html
    # linked from the change-password page
    assert 'href="/account/sessions"' in client.get("/account/password").get_data(as_text=True)


def test_log_out_on_every_other_device(app, client, make_user):
    user = make_user(Role.CONSULTANT, email="karen@example.org")
    log_in(client, user.email)
    laptop, copied = app.test_client(), app.test_client()
    log_in(laptop, user.email, remember=True)
    copied.set_cookie("remember_token", laptop.get_cookie("remember_token").value)
    assert copied.get("/consultant/").status_code == 200

    response = client.post("/account/sessions/end-others", follow_redirects=True)
    assert "Du er logget ud på alle andre enheder" in response.get_data(as_text=True)
    assert client.get("/consultant/").status_code == 200  # this device goes on
    for other in (laptop, copied):
        got = other.get("/consultant/")
        assert got.status_code == 302 and got.headers["Location"].startswith("/login")
    html = client.get("/account/sessions").get_data(as_text=True)
    assert html.count("<tr>") == 2 and "Du er kun logget ind på denne enhed" in html


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/account/sessions")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
