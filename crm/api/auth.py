"""Who calls the API: the bearer token, and nothing else.

`load_token_user` runs before every request under /api/ (ahead of the session loader): it sets
Flask-Login's current user to the token's user, or to the anonymous user, so that no session
cookie is ever consulted there. The blueprint's `require_token` then refuses a request without
a working token (401) and a write with a read-only token (403).
"""

from flask import g, request
from flask_babel import gettext as _

from crm.api.errors import ApiError, is_api_request
from crm.api.models import ApiToken, Scope
from crm.api.tokens import find_token
from crm.extensions import db, login_manager

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_ENDPOINTS = frozenset({"api.openapi"})
"""API endpoints that answer without a token (the API's description holds no data)."""


def bearer_secret() -> str | None:
    """The token of an `Authorization: Bearer <token>` header, else None."""
    scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def load_token_user() -> None:
    """Before each API request: the token's user becomes current_user (else the anonymous
    user); a first use in a minute is saved in its own commit."""
    if not is_api_request():
        return
    g.api_token = None
    g._login_user = login_manager.anonymous_user()  # never the session cookie's user
    secret = bearer_secret()
    found = find_token(secret) if secret else None
    if found is None:
        return
    token, user = found
    touched = token.touched
    if touched:
        db.session.commit()
    g.api_token, g._login_user = token, user


def current_token() -> ApiToken | None:
    """The token this API request runs with, if any."""
    return g.get("api_token")


def require_token() -> None:
    """The blueprint's check: a working token (401), with the write scope for writes (403)."""
    if request.endpoint in PUBLIC_ENDPOINTS:
        return
    token = current_token()
    if token is None:
        raise ApiError(
            401,
            _(
                "Send a valid API token as “Authorization: Bearer <token>”; this one is missing, "
                "expired or revoked."
            ),
        )
    if request.method not in SAFE_METHODS and token.scope != Scope.WRITE:
        raise ApiError(403, _("This token may only read. Create one with the write scope."))
