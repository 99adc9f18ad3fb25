"""Fixtures for the API: a staff user's token, and a client that sends it."""

import pytest

from crm.api.tokens import create_token
from crm.auth.models import Role


@pytest.fixture()
def make_token(db, make_user):
    """make_token(user=None, scope="write", days=30): a new token's secret (a consultant's when
    no user is given)."""

    def make(user=None, scope: str = "write", days: int = 30, name: str = "Sync") -> str:
        user = user or make_user(Role.CONSULTANT, name="Karen Konsulent")
        _token, secret = create_token(user, name, days, scope, actor=user)
        db.session.commit()
        return secret

    return make


class Api:
    """The test client with an Authorization header."""

    def __init__(self, client, secret: str | None = None):
        self.client = client
        self.secret = secret

    def _headers(self, secret):
        secret = secret if secret is not None else self.secret
        return {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, url: str, secret: str | None = None, **kwargs):
        return self.client.get(url, headers=self._headers(secret), **kwargs)

    def post(self, url: str, json=None, secret: str | None = None, **kwargs):
        return self.client.post(url, json=json, headers=self._headers(secret), **kwargs)


@pytest.fixture()
def api(client, make_token):
    """An API client with a consultant's write token."""
    return Api(client, make_token())
