"""Registration, e-mail confirmation, login, logout and passwords, as a user meets them."""

import re
import time

from sqlalchemy import func, select

from crm.auth.models import Role, User
from crm.models import Volunteer
from tests.conftest import PASSWORD

REGISTRATION = {
    "first_name": "Mette",
    "last_name": "Hansen",
    "email": "Mette@Example.org",
    "password": PASSWORD,
    "confirm": PASSWORD,
}


def link_in(body: str) -> str:
    return re.search(r"http://localhost(/\S+)", body).group(1)


def test_register_confirm_and_log_in(client, db, outbox, auth):
    response = client.post("/register", data=REGISTRATION)
    assert response.status_code == 200
    assert "mette@example.org" in response.get_data(as_text=True)
    user = db.session.scalar(select(User).where(User.email == "mette@example.org"))
    assert user.role == Role.VOLUNTEER and user.email_confirmed_at is None
    assert user.password_hash.startswith("$argon2id$")
    volunteer = db.session.scalar(select(Volunteer).where(Volunteer.user_id == user.id))
    assert volunteer.first_name == "Mette"

    # Not confirmed yet: logging in sends a new link instead of a session.
    response = auth.login("mette@example.org")
    assert "/me" not in response.headers.get("Location", "")
    confirm_path = link_in(outbox.last_body())
    assert client.get(confirm_path).status_code == 302
    db.session.refresh(user)
    assert user.email_confirmed_at is not None

    response = auth.login("METTE@example.org")
    assert response.headers["Location"] == "/me/"
    assert client.get("/me/").status_code == 200


def without_csrf(html: str) -> str:
    """The page without its CSRF tokens, which are signed with a timestamp and so differ when
    two requests straddle a second."""
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "csrf", html)


def test_duplicate_email_reveals_nothing_and_creates_nothing(client, db, outbox, make_user):
    make_user(email="taken@example.org")
    response = client.post("/register", data={**REGISTRATION, "email": "taken@example.org"})
    fresh = client.post("/register", data={**REGISTRATION, "email": "new@example.org"})
    assert response.status_code == fresh.status_code == 200
    answer = response.get_data(as_text=True).replace("taken", "new")
    assert without_csrf(answer) == without_csrf(fresh.get_data(as_text=True))
    count = db.session.scalar(select(func.count()).select_from(User))
    assert count == 2
    subjects = [m["Subject"] for m in outbox.messages()]
    assert len(subjects) == 2 and subjects[0] != subjects[1]


def test_an_address_is_one_account_whatever_its_case(client, db, make_user, auth):
    """Addresses are stored normalised (the lookup uses the unique index), so an account is
    found however its owner types the address, and a second one is never made for it."""
    user = make_user(email="  Ole.Lund@Example.ORG ")
    assert user.email == "ole.lund@example.org"
    user.email = "OLE.LUND@example.org"  # any later change is normalised too
    db.session.commit()
    assert user.email == "ole.lund@example.org"

    response = auth.login("OLE.lund@EXAMPLE.org")
    assert response.status_code == 302 and "/me" in response.headers["Location"]
    auth.logout()
    client.post("/register", data={**REGISTRATION, "email": "Ole.Lund@example.ORG"})
    count = db.session.scalar(select(func.count()).select_from(User))
    assert count == 1


def test_registration_errors_are_shown_next_to_the_field(client, db):
    response = client.post(
        "/register",
        data={
            **REGISTRATION,
            "email": "not-an-address",
            "confirm": "something else",
            "first_name": "x" * 81,
        },
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="email-error"' in html and 'id="confirm-error"' in html
    assert 'id="first_name-error"' in html
    assert 'value="not-an-address"' in html  # what was typed is kept
    assert db.session.scalar(select(func.count()).select_from(User)) == 0


def test_wrong_password_and_unknown_email_get_the_same_answer(client, make_user, auth):
    make_user(email="known@example.org")
    wrong = auth.login("known@example.org", "not the password").get_data(as_text=True)
    unknown = auth.login("unknown@example.org", "not the password").get_data(as_text=True)
    assert "Forkert e-mail eller adgangskode" in wrong or "Wrong e-mail or password" in wrong

    assert without_csrf(wrong.replace("known@", "X@")) == without_csrf(
        unknown.replace("unknown@", "X@")
    )


def test_wrong_and_expired_confirmation_tokens_are_refused(app, client, db, outbox):
    client.post("/register", data=REGISTRATION)
    path = link_in(outbox.last_body())
    assert client.get(path[:-3] + "abc").status_code == 302
    user = db.session.scalar(select(User))
    assert user.email_confirmed_at is None and user.email == "mette@example.org"

    app.config["CONFIRM_TOKEN_MAX_AGE"] = 1
    try:
        time.sleep(2.1)
        client.get(path)
    finally:
        app.config["CONFIRM_TOKEN_MAX_AGE"] = 48 * 3600
    db.session.refresh(user)
    assert user.email_confirmed_at is None


def test_password_reset_works_once(client, db, outbox, make_user, auth):
    make_user(email="glemsom@example.org")
    response = client.post("/forgot-password", data={"email": "glemsom@example.org"})
    unknown = client.post("/forgot-password", data={"email": "nobody@example.org"})
    assert response.status_code == unknown.status_code == 200
    assert len(outbox.messages()) == 1
    path = link_in(outbox.last_body())
    new = "a brand new password"
    assert client.post(path, data={"password": new, "confirm": new}).status_code == 302
    assert auth.login("glemsom@example.org", new).status_code == 302
    auth.logout()
    # The same link cannot be used again.
    client.post(path, data={"password": "another password!", "confirm": "another password!"})
    assert auth.login("glemsom@example.org", "another password!").status_code == 200


def test_change_password_needs_the_current_one(client, make_user, auth):
    make_user(email="skift@example.org")
    auth.login("skift@example.org")
    new = "an even better password"
    refused = client.post(
        "/account/password",
        data={"current_password": "wrong one here", "password": new, "confirm": new},
    )
    assert 'id="current_password-error"' in refused.get_data(as_text=True)
    ok = client.post(
        "/account/password", data={"current_password": PASSWORD, "password": new, "confirm": new}
    )
    assert ok.status_code == 302
    auth.logout()
    assert auth.login("skift@example.org", new).status_code == 302


def test_logout_needs_post_and_ends_the_session(client, make_user, auth):
    make_user(email="ud@example.org")
    auth.login("ud@example.org")
    assert client.get("/logout").status_code == 405
    auth.logout()
    assert client.get("/me/").status_code == 302


def test_roles_land_on_their_own_start_page(client, make_user, auth):
    make_user(Role.CONSULTANT, email="konsulent@example.org")
    assert auth.login("konsulent@example.org").headers["Location"] == "/consultant/"
    auth.logout()
    make_user(email="frivillig@example.org")
    auth.login("frivillig@example.org")
    assert client.get("/consultant/").status_code == 403


def test_open_redirect_after_login_is_refused(client, make_user, auth):
    make_user(email="r@example.org")
    response = client.post(
        "/login?next=//evil.example/x", data={"email": "r@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/me/"


def test_opening_the_confirmation_link_twice_says_already_confirmed(client, db, outbox):
    client.post("/register", data=REGISTRATION)
    path = link_in(outbox.last_body())
    client.get(path)
    again = client.get(path, follow_redirects=True).get_data(as_text=True)
    assert "allerede bekræftet" in again


def test_emails_have_a_date_and_a_neutral_sender(client, db, outbox):
    client.post("/register", data=REGISTRATION)
    message = outbox.messages()[-1]
    assert message["Date"] and message["From"] == "no-reply@example.org"


def test_logout_forgets_the_session_but_the_language(client, make_user, auth):
    make_user(email="ud2@example.org")
    client.post("/language", data={"locale": "en"})
    auth.login("ud2@example.org")
    with client.session_transaction() as session:
        session["draft"] = "something typed about a volunteer"
    auth.logout()
    with client.session_transaction() as session:
        assert "draft" not in session and "_user_id" not in session
        assert session["locale"] == "en"
