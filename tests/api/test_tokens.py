"""Personal access tokens: created on the account page and shown once, stored hashed, with an
expiry and a scope; revoked, expired, deactivated or no-longer-staff tokens open nothing."""

import hashlib
import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.api.models import ApiToken
from crm.audit.models import AuditEvent
from crm.auth.models import Role, User
from crm.database import utcnow
from tests.api.conftest import Api

TOKEN = re.compile(r'value="(frv_[A-Za-z0-9_-]{43})"')


def _create(client, name="Medlemssystem", days="90", scope="read"):
    return client.post("/account/api-tokens", data={"name": name, "days": days, "scope": scope})


def test_a_new_token_is_shown_once_and_stored_hashed(client, auth, db, make_user):
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    created = _create(client)
    assert created.status_code == 200
    secret = TOKEN.search(created.get_data(as_text=True)).group(1)
    stored = db.session.scalars(select(ApiToken)).one()
    assert stored.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in repr(db.session.execute(select(ApiToken.__table__)).all())
    assert stored.prefix == secret[:12] and stored.name == "Medlemssystem"
    assert timedelta(days=89, hours=23) < stored.expires_at - stored.created_at <= timedelta(90)
    page = client.get("/account/api-tokens").get_data(as_text=True)
    assert secret not in page  # never shown again
    assert "Medlemssystem" in page and f"{secret[:12]}…" in page
    assert Api(client).get("/api/v1/needs", secret=secret).status_code == 200


def test_only_the_offered_lifetimes_up_to_a_year(client, auth, db, make_user):
    auth.login(make_user(Role.ADMIN).email)
    assert _create(client, days="366").status_code == 400
    assert _create(client, days="365").status_code == 200
    token = db.session.scalars(select(ApiToken)).one()
    assert token.expires_at - token.created_at == timedelta(days=365)


def test_a_token_needs_a_name(client, auth, make_user):
    auth.login(make_user(Role.CONSULTANT).email)
    response = _create(client, name=" ")
    assert response.status_code == 400
    assert "frv_" not in response.get_data(as_text=True)


def test_the_sessions_page_leads_staff_to_their_tokens(client, auth, make_user):
    auth.login(make_user(Role.CONSULTANT).email)
    assert 'href="/account/api-tokens"' in client.get("/account/sessions").get_data(as_text=True)


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_volunteers_and_branch_contacts_cannot_create_tokens(client, auth, db, make_user, role):
    auth.login(make_user(role).email)
    assert "/account/api-tokens" not in client.get("/account/sessions").get_data(as_text=True)
    assert client.get("/account/api-tokens").status_code == 403
    assert _create(client).status_code == 403
    assert db.session.scalars(select(ApiToken)).all() == []


def test_revoked_token_is_refused_at_once(client, auth, db, make_user, make_token):
    consultant = make_user(Role.CONSULTANT)
    secret = make_token(consultant)
    api = Api(client, secret)
    assert api.get("/api/v1/projects").status_code == 200
    token = db.session.scalars(select(ApiToken)).one()
    auth.login(consultant.email)
    assert f'id="token-{token.id}"' in client.get("/account/api-tokens").get_data(as_text=True)
    assert client.post(f"/account/api-tokens/{token.id}/revoke").status_code == 302
    refused = api.get("/api/v1/projects")
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "unauthorized"
    assert f'id="token-{token.id}"' not in client.get("/account/api-tokens").get_data(as_text=True)


def test_nobody_revokes_another_persons_token_on_their_account_page(
    client, auth, db, make_user, make_token
):
    secret = make_token(make_user(Role.CONSULTANT))
    token = db.session.scalars(select(ApiToken)).one()
    auth.login(make_user(Role.CONSULTANT).email)
    assert client.post(f"/account/api-tokens/{token.id}/revoke").status_code == 404
    assert Api(client, secret).get("/api/v1/projects").status_code == 200


def test_expired_token_is_refused(client, db, make_token):
    secret = make_token(days=7)
    token = db.session.scalars(select(ApiToken)).one()
    token.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert Api(client, secret).get("/api/v1/projects").status_code == 401


def test_deactivated_user_and_role_away_from_staff_are_refused(client, db, make_user, make_token):
    consultant = make_user(Role.CONSULTANT)
    api = Api(client, make_token(consultant))
    user = db.session.get(User, consultant.id)
    user.active = False
    db.session.commit()
    assert api.get("/api/v1/projects").status_code == 401
    user = db.session.get(User, consultant.id)
    user.active, user.role = True, Role.VOLUNTEER
    db.session.commit()
    assert api.get("/api/v1/projects").status_code == 401
    user = db.session.get(User, consultant.id)
    user.role = Role.ADMIN  # staff again: the token acts with the new role
    db.session.commit()
    assert api.get("/api/v1/projects").status_code == 200


def test_a_read_only_token_cannot_write(client, make_token, make_volunteer):
    api = Api(client, make_token(scope="read"))
    volunteer = make_volunteer()
    body = {"volunteer_id": volunteer.id, "channel": "phone", "summary": "Ringede"}
    refused = api.post("/api/v1/contacts", json=body)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "forbidden"
    assert api.get("/api/v1/contacts").get_json()["data"] == []


def test_last_use_is_shown(client, auth, db, make_user, make_token):
    consultant = make_user(Role.CONSULTANT)
    secret = make_token(consultant)
    auth.login(consultant.email)
    assert db.session.scalars(select(ApiToken)).one().last_used_at is None
    Api(client, secret).get("/api/v1/projects")
    db.session.rollback()
    assert db.session.scalars(select(ApiToken)).one().last_used_at is not None


def test_creation_and_revocation_are_audited_without_the_token(
    client, auth, db, make_user, make_token
):
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    secret = TOKEN.search(_create(client).get_data(as_text=True)).group(1)
    token = db.session.scalars(select(ApiToken)).one()
    client.post(f"/account/api-tokens/{token.id}/revoke")
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.like("api_token%")).order_by(AuditEvent.id)
    ).all()
    assert [(e.action, e.user_id, e.actor_id) for e in events] == [
        ("api_token_created", consultant.id, consultant.id),
        ("api_token_revoked", consultant.id, consultant.id),
    ]
    assert all(
        secret not in repr(e.details) and token.prefix not in repr(e.details) for e in events
    )


def test_the_admin_lists_and_revokes_staff_tokens(client, auth, db, make_user, make_token):
    owner = make_user(Role.CONSULTANT, name="Karen Konsulent")
    secret = make_token(owner, name="Nyhedsbrev")
    auth.login(make_user(Role.ADMIN).email)
    page = client.get("/admin/api-tokens").get_data(as_text=True)
    assert "Karen Konsulent" in page and "Nyhedsbrev" in page and secret not in page
    token = db.session.scalars(select(ApiToken)).one()
    assert client.post(f"/admin/api-tokens/{token.id}/revoke").status_code == 302
    assert Api(client, secret).get("/api/v1/projects").status_code == 401
    assert "Nyhedsbrev" not in client.get("/admin/api-tokens").get_data(as_text=True)
