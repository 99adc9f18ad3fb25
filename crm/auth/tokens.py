"""Signed, expiring tokens for e-mail confirmation, password reset and invitations."""

import enum
import hashlib

from flask import current_app
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer

from crm.auth.models import User
from crm.extensions import db

CONFIRM = "confirm-email"
RESET = "reset-password"
INVITE = "branch-invitation"
"""An invitation to choose a password, for a branch contact or staff (the salt keeps its first
name, so that links already sent stay valid)."""

_BY_PASSWORD = frozenset({RESET, INVITE})
"""Purposes whose token is spent once a password is set: setting it changes the fingerprint."""


class TokenState(enum.StrEnum):
    """What a token turned out to be when read."""

    VALID = "valid"
    USED = "used"
    EXPIRED = "expired"
    INVALID = "invalid"


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose)


def _fingerprint(user: User, purpose: str) -> str:
    """A value that changes once the token has been used, so each token works once."""
    state = user.password_hash if purpose in _BY_PASSWORD else str(user.email_confirmed_at)
    return hashlib.sha256(f"{user.email}|{state}".encode()).hexdigest()[:16]


def make_token(user: User, purpose: str) -> str:
    """A token for this user and purpose."""
    return _serializer(purpose).dumps([user.id, _fingerprint(user, purpose)])


def check_token(token: str, purpose: str, max_age: int) -> tuple[User | None, TokenState]:
    """The user a token was made for (None when it is not genuine) and the token's state.

    A genuine token past its max age is EXPIRED (with its user), one whose fingerprint no longer
    matches is USED; anything unreadable, forged or for a user who is gone is INVALID.
    """
    serializer = _serializer(purpose)
    try:
        payload, state = serializer.loads(token, max_age=max_age), TokenState.VALID
    except SignatureExpired as error:
        payload, state = _expired_payload(serializer, error), TokenState.EXPIRED
    except (BadData, ValueError, TypeError):
        return None, TokenState.INVALID
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        return None, TokenState.INVALID
    user_id, fingerprint = payload
    user = db.session.get(User, user_id)
    if user is None:
        return None, TokenState.INVALID
    if state == TokenState.VALID and _fingerprint(user, purpose) != fingerprint:
        state = TokenState.USED
    return user, state


def _expired_payload(serializer: URLSafeTimedSerializer, error: SignatureExpired) -> object:
    """The payload of a genuine but expired token (its signature was checked before its age)."""
    try:
        return serializer.load_payload(error.payload) if error.payload is not None else None
    except BadData:
        return None


def token_user(token: str, purpose: str, max_age: int) -> tuple[User | None, bool]:
    """The user a genuine, unexpired token was made for, and whether it is still unused."""
    user, state = check_token(token, purpose, max_age)
    if state in (TokenState.INVALID, TokenState.EXPIRED):
        return None, False
    return user, state == TokenState.VALID


def read_token(token: str, purpose: str, max_age: int) -> User | None:
    """The user the token was made for, or None when it is wrong, expired or used."""
    user, unused = token_user(token, purpose, max_age)
    return user if unused else None
