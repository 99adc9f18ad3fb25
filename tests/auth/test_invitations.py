"""A branch contact's invitation, as the consultant sends it and the contact opens it: the link
works once, expires, cannot be forged, and removal ends the contact's sessions."""

import re

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from crm.auth.models import Role, User
from tests.conftest import AuthActions

NEW_PASSWORD = "a long new password"


def link_in(body: str) -> str:
    return re.search(r"http://localhost(/invitation/\S+)", body).group(1)


@pytest.fixture()
def consultant(make_user, auth):
    user = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user


@pytest.fixture()
def branch(make_branch):
    return make_branch(name="Socialdemokratiet i Aarhus", municipality="Aarhus")


def invite(client, branch_id: int, name: str = "Bo Kontakt", email: str = "bo@example.org"):
    return client.post(
        f"/consultant/branches/{branch_id}/contacts",
        data={"invite-name": name, "invite-email": email},
    )


def accept(client, path: str, password: str = NEW_PASSWORD):
    return client.post(path, data={"password": password, "confirm": password})


def user_by_email(db, email: str) -> User | None:
    db.session.rollback()  # see the requests' writes
    return db.session.scalar(select(User).where(User.email == email))


def test_invite_accept_and_land_as_the_branch_contact(client, db, outbox, consultant, branch):
    response = invite(client, branch.id, email="Bo@Example.org")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/consultant/branches/{branch.id}/edit#contacts")
    message = outbox.messages()[-1]
    assert message["To"] == "bo@example.org"
    assert "Socialdemokratiet i Aarhus" in message["Subject"]
    assert "7 dage" in outbox.last_body()  # Danish by default, with INVITE_MAX_AGE in days
    user = user_by_email(db, "bo@example.org")
    assert (user.role, user.branch_id, user.name) == (Role.BRANCH_CONTACT, branch.id, "Bo Kontakt")
    assert user.email_confirmed_at is None
    edit_page = client.get(f"/consultant/branches/{branch.id}/edit").get_data(as_text=True)
    assert "bo@example.org" in edit_page and "har ikke valgt adgangskode endnu" in edit_page

    client.post("/logout")
    path = link_in(outbox.last_body())
    page = client.get(path)
    assert page.status_code == 200
    assert "Socialdemokratiet i Aarhus" in page.get_data(as_text=True)
    # The invited contact cannot log in before choosing a password, whatever they type.
    assert (
        client.post("/login", data={"email": "bo@example.org", "password": ""}).status_code == 200
    )

    response = accept(client, path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/branch/"
    user = user_by_email(db, "bo@example.org")
    assert user.email_confirmed_at is not None and user.last_login_at is not None
    # Logged in as the contact: a staff page refuses them, where a visitor would be sent to log in.
    assert client.get("/consultant/").status_code == 403
    client.post("/logout")
    assert (
        client.post(
            "/login", data={"email": "bo@example.org", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )


def test_the_password_rules_of_registration_apply(client, db, outbox, consultant, branch):
    invite(client, branch.id)
    client.post("/logout")
    path = link_in(outbox.last_body())
    response = accept(client, path, password="short")
    assert response.status_code == 200
    assert "Brug mellem 10 og 128 tegn." in response.get_data(as_text=True)
    mismatch = client.post(path, data={"password": NEW_PASSWORD, "confirm": "something else"})
    assert "Adgangskoderne er ikke ens." in mismatch.get_data(as_text=True)
    assert client.get("/consultant/").headers["Location"].startswith("/login")  # not logged in


def test_a_link_works_once(client, db, outbox, consultant, branch):
    invite(client, branch.id)
    client.post("/logout")
    path = link_in(outbox.last_body())
    accept(client, path)
    client.post("/logout")
    again = client.get(path)
    assert again.status_code == 410
    assert "allerede brugt" in again.get_data(as_text=True)
    assert accept(client, path, password="yet another password").status_code == 410
    assert client.get("/consultant/").headers["Location"].startswith("/login")
    assert (
        client.post(
            "/login", data={"email": "bo@example.org", "password": NEW_PASSWORD}
        ).status_code
        == 302
    )  # the first password still stands


def test_an_expired_link_is_refused(client, db, outbox, consultant, branch, app, monkeypatch):
    invite(client, branch.id)
    client.post("/logout")
    path = link_in(outbox.last_body())
    later = TimestampSigner.get_timestamp(None) + app.config["INVITE_MAX_AGE"] + 1
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: later)
    response = client.get(path)
    assert response.status_code == 410
    assert "udløbet" in response.get_data(as_text=True)
    assert accept(client, path).status_code == 410
    assert client.get("/consultant/").headers["Location"].startswith("/login")


def test_forged_and_mangled_links_are_refused(client, db, outbox, consultant, branch, app):
    invite(client, branch.id)
    client.post("/logout")
    path = link_in(outbox.last_body())
    for bad in (path[:-3] + "abc", "/invitation/not-a-token", path + "x"):
        response = client.get(bad)
        assert response.status_code == 400, bad
        assert "ikke gyldigt" in response.get_data(as_text=True)
    with app.test_request_context():  # a token signed for another purpose is not an invitation
        from crm.auth.tokens import RESET, make_token

        reset = make_token(user_by_email(db, "bo@example.org"), RESET)
    assert client.get(f"/invitation/{reset}").status_code == 400
    assert accept(client, f"/invitation/{reset}").status_code == 400


def test_inviting_again_sends_a_fresh_link_and_voids_the_old(
    client, db, outbox, consultant, branch
):
    invite(client, branch.id)
    first = link_in(outbox.last_body())
    invite(client, branch.id, name="Bo K. Kontakt")
    second = link_in(outbox.last_body())
    assert first != second and len(outbox.messages()) == 2
    assert db.session.scalar(select(func.count(User.id))) == 2  # the consultant and Bo, once
    client.post("/logout")
    assert client.get(first).status_code == 410
    assert accept(client, second).headers["Location"] == "/branch/"
    assert user_by_email(db, "bo@example.org").name == "Bo K. Kontakt"


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.CONSULTANT, Role.ADMIN])
def test_the_address_of_a_volunteer_or_staff_is_refused(
    client, db, outbox, consultant, branch, make_user, role
):
    make_user(role, email="taken@example.org")
    response = invite(client, branch.id, email="Taken@example.org")
    assert response.status_code == 400
    assert "ændrer aldrig" in response.get_data(as_text=True)
    assert outbox.messages() == []
    user = user_by_email(db, "taken@example.org")
    assert (user.role, user.branch_id) == (role, None)


def test_a_contact_of_another_branch_or_with_a_password_is_not_invited(
    client, db, outbox, consultant, branch, make_branch, make_user
):
    other = make_branch(name="Socialdemokratiet i Odense")
    make_user(Role.BRANCH_CONTACT, email="odense@example.org", branch_id=other.id)
    refused = invite(client, branch.id, email="odense@example.org")
    assert refused.status_code == 400
    assert "en anden afdeling" in refused.get_data(as_text=True)
    make_user(Role.BRANCH_CONTACT, email="aarhus@example.org", branch_id=branch.id)
    active = invite(client, branch.id, email="aarhus@example.org")
    assert active.status_code == 400
    assert "allerede kontakt" in active.get_data(as_text=True)
    assert outbox.messages() == []
    assert user_by_email(db, "odense@example.org").branch_id == other.id


def test_invite_form_errors_are_shown(client, db, outbox, consultant, branch):
    response = invite(client, branch.id, name="", email="not an address")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Skriv kontaktpersonens navn." in page and "Skriv en gyldig e-mailadresse." in page
    assert outbox.messages() == []


def test_removal_ends_the_contacts_session_and_leaves_the_others(
    app, db, outbox, consultant, client, branch, make_user
):
    stays = make_user(Role.BRANCH_CONTACT, email="stays@example.org", branch_id=branch.id)
    leaves = make_user(Role.BRANCH_CONTACT, email="leaves@example.org", branch_id=branch.id)
    contact_client, stays_client = app.test_client(), app.test_client()
    assert AuthActions(contact_client).login("leaves@example.org").status_code == 302
    assert AuthActions(stays_client).login("stays@example.org").status_code == 302
    assert contact_client.get("/account/password").status_code == 200  # logged in

    response = client.post(f"/consultant/branches/{branch.id}/contacts/{leaves.id}/remove")
    assert response.status_code == 302
    assert contact_client.get("/account/password").headers["Location"].startswith("/login")
    assert stays_client.get("/account/password").status_code == 200
    removed = user_by_email(db, "leaves@example.org")
    assert (removed.id, removed.role, removed.branch_id, removed.active) == (
        leaves.id,
        Role.BRANCH_CONTACT,
        None,
        False,
    )
    assert AuthActions(contact_client).login("leaves@example.org").status_code == 200
    assert user_by_email(db, "stays@example.org").branch_id == stays.branch_id == branch.id

    # Removed, they can be invited back; their old account is re-used.
    invite(client, branch.id, email="leaves@example.org")
    assert user_by_email(db, "leaves@example.org").id == leaves.id


def test_a_contact_of_another_branch_cannot_be_removed_through_this_one(
    client, db, consultant, branch, make_branch, make_user
):
    other = make_branch(name="Socialdemokratiet i Odense")
    contact = make_user(Role.BRANCH_CONTACT, email="odense@example.org", branch_id=other.id)
    assert (
        client.post(f"/consultant/branches/{branch.id}/contacts/{contact.id}/remove").status_code
        == 404
    )
    assert user_by_email(db, "odense@example.org").branch_id == other.id


def test_a_removed_contacts_link_is_void(client, db, outbox, consultant, branch):
    invite(client, branch.id)
    path = link_in(outbox.last_body())
    user = user_by_email(db, "bo@example.org")
    client.post(f"/consultant/branches/{branch.id}/contacts/{user.id}/remove")
    client.post("/logout")
    response = client.get(path)
    assert response.status_code == 410
    assert "ikke længere gyldig" in response.get_data(as_text=True)


def test_the_invitation_is_in_english_for_an_english_speaking_contact(
    client, db, outbox, consultant, branch
):
    invite(client, branch.id)
    user = user_by_email(db, "bo@example.org")
    user.locale = "en"
    db.session.commit()
    invite(client, branch.id)
    assert "within 7 days" in outbox.last_body()
    assert outbox.messages()[-1]["Subject"].startswith("You are invited as contact person")
    client.post("/logout")
    client.post("/language", data={"locale": "en"})
    page = client.get(link_in(outbox.last_body())).get_data(as_text=True)
    assert "Choose a password, and you are logged in at once." in page
