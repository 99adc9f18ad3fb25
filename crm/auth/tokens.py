"""Signed, expiring tokens for e-mail confirmation and password reset."""

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from crm.auth.models import User
from crm.extensions import db

CONFIRM = "confirm-email"
RESET = "reset-password"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def _fingerprint(user: User, purpose: str) -> str:
    """A value that changes once the token has been used, so each token works once."""
    state = user.password_hash if purpose == RESET else str(user.email_confirmed_at)
    return hashlib.sha256(f"{user.email}|{state}".encode()).hexdigest()[:16]


def make_token(user: User, purpose: str) -> str:
    """A token for this user and purpose."""
    return _serializer(purpose).dumps([user.id, _fingerprint(user, purpose)])


def token_user(token: str, purpose: str, max_age: int) -> tuple[User | None, bool]:
    """The user a genuine, unexpired token was made for, and whether it is still unused."""
    try:
        user_id, fingerprint = _serializer(purpose).loads(token, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        return None, False
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    if user is None:
        return None, False
    return user, _fingerprint(user, purpose) == fingerprint


def read_token(token: str, purpose: str, max_age: int) -> User | None:
    """The user the token was made for, or None when it is wrong, expired or used."""
    user, unused = token_user(token, purpose, max_age)
    return user if unused else None
