"""Sessions end on the server: a cookie copied before logout, a password change or a removal opens
nothing afterwards; remember-me expires; an idle session times out."""

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from crm.auth.models import Role
from crm.auth.sessions import LoginSession
from crm.database import utcnow
from tests.conftest import PASSWORD


def log_in(client, email: str, remember: bool = False):
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    response = client.post("/login", data=data)
    assert response.status_code == 302
    return response


def copy_cookies(source, target, names=("session", "remember_token")) -> None:
    for name in names:
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def is_sent_to_login(response) -> bool:
    return response.status_code == 302 and response.headers["Location"].startswith("/login")


@pytest.fixture()
def consultant(make_user):
    return make_user(Role.CONSULTANT, email="k@example.org", name="Karen Konsulent")


def test_a_session_cookie_copied_before_logout_is_useless_after_it(app, db, consultant):
    owner, thief = app.test_client(), app.test_client()
    log_in(owner, consultant.email)
    copy_cookies(owner, thief, names=("session",))
    assert thief.get("/consultant/volunteers.csv").status_code == 200  # a copy works while live
    owner.post("/logout")
    assert is_sent_to_login(thief.get("/consultant/"))
    assert is_sent_to_login(thief.get("/consultant/volunteers.csv"))


def test_a_copied_remember_me_cookie_is_useless_after_logout(app, db, consultant):
    owner, thief = app.test_client(), app.test_client()
    log_in(owner, consultant.email, remember=True)
    copy_cookies(owner, thief, names=("remember_token",))
    assert thief.get("/consultant/").status_code == 200  # the remember cookie alone logs in
    owner.post("/logout")
    assert is_sent_to_login(thief.get("/consultant/"))


def test_remember_me_expires(app, db, consultant):
    owner, thief = app.test_client(), app.test_client()
    log_in(owner, consultant.email, remember=True)
    stored = db.session.scalar(select(LoginSession))
    lifetime = stored.remember_until - stored.created_at
    assert lifetime == timedelta(seconds=app.config["REMEMBER_COOKIE_DURATION"])
    copy_cookies(owner, thief, names=("remember_token",))
    db.session.execute(update(LoginSession).values(remember_until=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    assert is_sent_to_login(thief.get("/consultant/"))
    assert is_sent_to_login(owner.get("/consultant/"))


def test_an_idle_session_times_out_but_a_remembered_one_does_not(app, db, consultant, make_user):
    idle, remembered = app.test_client(), app.test_client()
    log_in(idle, consultant.email)
    log_in(remembered, consultant.email, remember=True)
    assert idle.get("/consultant/").status_code == 200
    long_ago = utcnow() - timedelta(seconds=app.config["SESSION_IDLE_TIMEOUT"] + 60)
    db.session.execute(update(LoginSession).values(last_seen_at=long_ago))
    db.session.commit()
    assert is_sent_to_login(idle.get("/consultant/"))
    assert remembered.get("/consultant/").status_code == 200


def test_a_request_keeps_the_session_alive(app, db, consultant):
    client = app.test_client()
    log_in(client, consultant.email)
    almost = utcnow() - timedelta(seconds=app.config["SESSION_IDLE_TIMEOUT"] - 60)
    db.session.execute(update(LoginSession).values(last_seen_at=almost))
    db.session.commit()
    assert client.get("/consultant/").status_code == 200
    db.session.expire_all()
    seen = db.session.scalar(select(LoginSession.last_seen_at))
    assert utcnow() - seen < timedelta(minutes=1)


def test_a_password_reset_ends_every_session(app, db, make_user):
    from crm.auth.tokens import RESET, make_token

    user = make_user(email="v@example.org")
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, user.email)
    log_in(phone, user.email, remember=True)
    new = "a completely new password"
    response = laptop.post(
        f"/reset-password/{make_token(user, RESET)}", data={"password": new, "confirm": new}
    )
    assert response.status_code == 302
    assert is_sent_to_login(laptop.get("/me/"))
    assert is_sent_to_login(phone.get("/me/"))


def test_removing_a_branch_contact_ends_their_session(app, db, make_user, make_branch):
    from crm.branches.services import remove_contact

    branch = make_branch()
    contact = make_user(Role.BRANCH_CONTACT, email="b@example.org", branch_id=branch.id)
    client = app.test_client()
    log_in(client, contact.email)
    assert client.get("/branch/").status_code == 200
    remove_contact(contact)
    db.session.commit()
    assert is_sent_to_login(client.get("/branch/"))
    ended = db.session.scalar(select(LoginSession))
    assert ended.end_reason == "removed"


def test_logout_ends_only_this_device(app, db, consultant):
    laptop, phone = app.test_client(), app.test_client()
    log_in(laptop, consultant.email)
    log_in(phone, consultant.email)
    laptop.post("/logout")
    assert is_sent_to_login(laptop.get("/consultant/"))
    assert phone.get("/consultant/").status_code == 200


def test_the_password_change_form_is_rate_limited(app, client, db, make_user):
    from crm.extensions import limiter

    user = make_user(email="v@example.org")
    log_in(client, user.email)
    app.config.update(AUTH_RATE_LIMIT="3 per minute", RATELIMIT_ENABLED=True)
    limiter.reset()
    wrong = {"current_password": "guess", "password": "x" * 12, "confirm": "x" * 12}
    try:
        codes = [client.post("/account/password", data=wrong).status_code for _ in range(4)]
    finally:
        app.config.update(AUTH_RATE_LIMIT="10 per minute; 50 per hour", RATELIMIT_ENABLED=False)
        limiter.reset()
    assert codes[-1] == 429
    assert 429 not in codes[:3]


def test_only_a_hash_of_the_token_is_stored(app, db, consultant):
    client = app.test_client()
    log_in(client, consultant.email)
    stored = db.session.scalar(select(LoginSession))
    with client.session_transaction() as flask_session:
        token = flask_session["_user_id"].partition(":")[2]
    assert token and stored.token_hash != token and token not in stored.token_hash


def test_logout_deletes_the_remember_me_cookie_in_the_browser(app, db, consultant):
    client = app.test_client()
    log_in(client, consultant.email, remember=True)
    assert client.get_cookie("remember_token") is not None
    client.post("/logout")
    assert client.get_cookie("remember_token") is None
