"""Staff accounts as an admin manages them: invite, change a role, deactivate and reactivate.

Each change ends the person's sessions at once and keeps their account; the last admin and the
admin themselves are protected; a stale form changes nothing."""

import re

from sqlalchemy import select

from crm.audit.models import AuditEvent
from crm.auth.models import Role, User
from tests.admin.conftest import fresh, log_in
from tests.conftest import PASSWORD

NEW_PASSWORD = "a long new password"


def version_of(db, user_id: int) -> int:
    return fresh(db, user_id).version


def actions(db, user_id: int) -> list[str]:
    db.session.rollback()
    return list(
        db.session.scalars(
            select(AuditEvent.action).where(AuditEvent.user_id == user_id).order_by(AuditEvent.id)
        )
    )


def test_the_list_shows_staff_only_with_role_status_and_last_login(
    client, admin, consultant, make_user
):
    make_user(Role.VOLUNTEER, email="vera@example.org", name="Vera Frivillig")
    make_user(Role.BRANCH_CONTACT, email="bo@example.org", name="Bo Kontakt")
    html = client.get("/admin/staff").get_data(as_text=True)
    assert "Karen Konsulent" in html and "karen@example.org" in html
    assert "Anna Admin" in html
    assert "Vera" not in html and "Bo Kontakt" not in html
    assert "Konsulent" in html and "Administrator" in html  # role labels, in Danish
    assert "aldrig" in html  # Karen never logged in


def test_the_admin_start_page_links_every_part(client, admin):
    html = client.get("/admin/").get_data(as_text=True)
    for href in ("/admin/staff", "/consultant/branches", "/admin/consent-texts", "/admin/audit"):
        assert f'href="{href}"' in html
    # and the navigation has an Admin link for admins
    assert 'href="/admin/"' in client.get("/consultant/").get_data(as_text=True)


def test_a_consultant_gets_403_and_no_admin_link(app, db, consultant):
    other = app.test_client()
    log_in(other, consultant.email)
    for url in ("/admin/", "/admin/staff", "/admin/consent-texts", "/admin/audit"):
        assert other.get(url).status_code == 403
    assert other.post(f"/admin/staff/{consultant.id}/deactivate").status_code == 403
    assert 'href="/admin/"' not in other.get("/consultant/").get_data(as_text=True)


def test_invite_the_link_sets_a_password_and_logs_in(app, client, db, outbox, admin):
    response = client.post(
        "/admin/staff/invite",
        data={"name": "Nina Ny", "email": "Nina@Example.org", "role": "consultant"},
    )
    assert response.status_code == 302
    user = db.session.scalar(select(User).where(User.email == "nina@example.org"))
    assert (user.role, user.name, user.active) == (Role.CONSULTANT, "Nina Ny", True)
    assert "Nina Ny" in client.get("/admin/staff").get_data(as_text=True)
    assert "inviteret" in client.get("/admin/staff").get_data(as_text=True)
    message = outbox.messages()[-1]
    assert message["To"] == "nina@example.org"
    body = outbox.last_body()
    assert "7 dage" in body
    path = re.search(r"http://localhost(/invitation/\S+)", body).group(1)
    # no password works before the link is used
    assert (
        app.test_client()
        .post("/login", data={"email": "nina@example.org", "password": ""})
        .status_code
        == 200
    )

    invited = app.test_client()
    page = invited.get(path).get_data(as_text=True)
    assert "nina@example.org" in page
    response = invited.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 302 and response.headers["Location"] == "/consultant/"
    assert invited.get("/consultant/").status_code == 200
    assert invited.get("/admin/").status_code == 403  # a consultant, not an admin
    # the link works once
    assert app.test_client().get(path).status_code == 410
    assert actions(db, user.id)[0] == "staff_invited"


def test_an_existing_account_is_not_invited(client, db, outbox, admin, make_user):
    make_user(Role.VOLUNTEER, email="vera@example.org")
    response = client.post(
        "/admin/staff/invite",
        data={"name": "Vera", "email": "vera@example.org", "role": "admin"},
    )
    assert response.status_code == 400
    assert "har allerede en konto" in response.get_data(as_text=True)
    assert (
        fresh(db, db.session.scalar(select(User.id).where(User.email == "vera@example.org"))).role
        == Role.VOLUNTEER
    )
    assert outbox.messages() == []


def test_a_role_change_ends_the_persons_session(app, client, db, admin, consultant):
    theirs = app.test_client()
    log_in(theirs, consultant.email)
    assert theirs.get("/consultant/").status_code == 200
    response = client.post(
        f"/admin/staff/{consultant.id}/role",
        data={"role": "admin", "version": version_of(db, consultant.id)},
    )
    assert response.status_code == 302
    assert fresh(db, consultant.id).role == Role.ADMIN
    response = theirs.get("/consultant/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login")
    # logging in again, they are an admin
    log_in(theirs, consultant.email)
    assert theirs.get("/admin/").status_code == 200
    assert "role_changed" in actions(db, consultant.id)


def test_a_deactivated_consultants_copied_cookie_opens_nothing(app, client, db, admin, consultant):
    theirs, thief = app.test_client(), app.test_client()
    log_in(theirs, consultant.email, remember=True)
    for name in ("session", "remember_token"):
        thief.set_cookie(name, theirs.get_cookie(name).value)
    assert thief.get("/consultant/volunteers.csv").status_code == 200
    response = client.post(
        f"/admin/staff/{consultant.id}/deactivate", data={"version": version_of(db, consultant.id)}
    )
    assert response.status_code == 302
    for who in (theirs, thief):
        for url in ("/consultant/", "/consultant/volunteers.csv"):
            got = who.get(url)
            assert got.status_code == 302 and got.headers["Location"].startswith("/login")
    # no new login either, and the account (with its history) is still there
    assert (
        app.test_client()
        .post("/login", data={"email": consultant.email, "password": PASSWORD})
        .status_code
        == 200
    )
    user = fresh(db, consultant.id)
    assert user is not None and not user.active
    assert "deaktiveret" in client.get("/admin/staff").get_data(as_text=True)

    client.post(f"/admin/staff/{consultant.id}/reactivate", data={"version": user.version})
    assert fresh(db, consultant.id).active
    log_in(app.test_client(), consultant.email)
    assert actions(db, consultant.id)[-4:] == [
        "deactivated",
        "login_failed",
        "reactivated",
        "login",
    ]


def test_the_last_admin_cannot_be_demoted_or_deactivated(client, db, admin):
    for url, data in (
        (f"/admin/staff/{admin.id}/role", {"role": "consultant"}),
        (f"/admin/staff/{admin.id}/deactivate", {}),
    ):
        response = client.post(url, data={**data, "version": version_of(db, admin.id)})
        assert response.status_code == 409
        assert "sidste aktive administrator" in response.get_data(as_text=True)
    user = fresh(db, admin.id)
    assert (user.role, user.active) == (Role.ADMIN, True)
    assert client.get("/admin/").status_code == 200  # still logged in


def test_nobody_demotes_or_deactivates_themselves(client, db, admin, make_user):
    make_user(Role.ADMIN, email="other-admin@example.org")
    response = client.post(
        f"/admin/staff/{admin.id}/role",
        data={"role": "consultant", "version": version_of(db, admin.id)},
    )
    assert response.status_code == 409
    assert "din egen" in response.get_data(as_text=True)
    assert fresh(db, admin.id).role == Role.ADMIN


def test_another_admin_can_be_demoted_while_one_remains(app, client, db, admin, make_user):
    other = make_user(Role.ADMIN, email="other-admin@example.org")
    client.post(
        f"/admin/staff/{other.id}/role",
        data={"role": "consultant", "version": version_of(db, other.id)},
    )
    assert fresh(db, other.id).role == Role.CONSULTANT


def test_a_stale_form_changes_nothing(client, db, admin, consultant):
    seen = version_of(db, consultant.id)
    client.post(f"/admin/staff/{consultant.id}/role", data={"role": "admin", "version": seen})
    # a second admin's page, opened before that change, now deactivates with the old version
    response = client.post(f"/admin/staff/{consultant.id}/deactivate", data={"version": seen})
    assert response.status_code == 409
    assert "ændret kontoen imens" in response.get_data(as_text=True)
    user = fresh(db, consultant.id)
    assert (user.role, user.active) == (Role.ADMIN, True)


def test_volunteers_and_branch_contacts_are_not_staff_here(client, db, admin, make_user):
    volunteer = make_user(Role.VOLUNTEER, email="vera@example.org")
    response = client.post(
        f"/admin/staff/{volunteer.id}/role", data={"role": "admin", "version": volunteer.version}
    )
    assert response.status_code == 404
    assert fresh(db, volunteer.id).role == Role.VOLUNTEER


def test_inviting_again_sends_a_fresh_link_and_voids_the_old(app, client, db, outbox, admin):
    data = {"name": "Nina Ny", "email": "nina@example.org", "role": "consultant"}
    client.post("/admin/staff/invite", data=data)
    first = re.search(r"http://localhost(/invitation/\S+)", outbox.last_body()).group(1)
    assert client.post("/admin/staff/invite", data={**data, "role": "admin"}).status_code == 302
    second = re.search(r"http://localhost(/invitation/\S+)", outbox.last_body()).group(1)
    assert first != second
    other = app.test_client()
    assert other.get(first).status_code == 410
    assert other.get(second).status_code == 200
    assert db.session.scalar(select(User).where(User.email == "nina@example.org")).role == "admin"


def test_a_reactivated_invitee_needs_a_new_invitation(app, client, db, outbox, admin):
    data = {"name": "Nina Ny", "email": "nina@example.org", "role": "consultant"}
    client.post("/admin/staff/invite", data=data)
    link = re.search(r"http://localhost(/invitation/\S+)", outbox.last_body()).group(1)
    nina = db.session.scalar(select(User).where(User.email == "nina@example.org"))
    client.post(f"/admin/staff/{nina.id}/deactivate", data={"version": version_of(db, nina.id)})
    client.post(f"/admin/staff/{nina.id}/reactivate", data={"version": version_of(db, nina.id)})
    assert fresh(db, nina.id).active
    assert app.test_client().get(link).status_code == 410  # the link from before is void
