"""Creating, checking and revoking personal access tokens (crm.api.models.ApiToken).

A token is "frv_" and 43 URL-safe characters from the operating system's random source
(256 bits); only its SHA-256 hash is stored, with the first 12 characters to name it. A token
works while it is neither revoked nor expired and its user is active staff: a deactivated
account or a role away from staff stops every one of its tokens at once.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select

from crm.api.models import EXPIRY_DAYS, ApiToken, Scope
from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db

TOKEN_PREFIX = "frv_"
PREFIX_LENGTH = 12
MAX_TOKEN_LENGTH = 100
"""Anything longer in an Authorization header is not one of ours (checked before hashing)."""
TOUCH_EVERY = timedelta(seconds=60)
"""last_used_at is written at most once a minute per token."""


def hash_token(secret: str) -> str:
    """The stored form of a token."""
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str, days: int, scope: str, actor: User) -> tuple[ApiToken, str]:
    """A new token for a member of staff, and the token itself (shown once, never stored).

    ValueError when the user is not active staff, or the lifetime or scope is not offered.
    """
    if not (user.active and user.is_staff):
        raise ValueError("only active staff have API tokens")
    if days not in EXPIRY_DAYS or scope not in tuple(Scope):
        raise ValueError("unknown lifetime or scope")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = utcnow()
    token = ApiToken(
        user_id=user.id,
        name=name.strip(),
        prefix=secret[:PREFIX_LENGTH],
        token_hash=hash_token(secret),
        scope=scope,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(token)
    db.session.flush()
    audit.record(
        Action.API_TOKEN_CREATED, user_id=user.id, actor=actor, token_id=token.id, scope=scope
    )
    return token, secret


def is_live(token: ApiToken, now: datetime | None = None) -> bool:
    """Neither revoked nor past its expiry (the user's own state is checked by find_token)."""
    return token.revoked_at is None and (now or utcnow()) < token.expires_at


def find_token(secret: str) -> tuple[ApiToken, User] | None:
    """The live token with this value and its active staff user (one query), else None.

    Its last use is recorded at most once a minute, and then `touched` is set on the token so
    that the caller commits it."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > MAX_TOKEN_LENGTH:
        return None
    row = db.session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.token_hash == hash_token(secret))
    ).first()
    if row is None:
        return None
    token, user = row
    now = utcnow()
    if not is_live(token, now) or not user.active or not user.is_staff:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        token.last_used_at = now
        token.touched = True
    return token, user


def revoke_token(token: ApiToken, actor: User) -> bool:
    """Revoke a token at once; False when it was revoked already."""
    if token.revoked_at is not None:
        return False
    token.revoked_at = utcnow()
    token.revoked_by_id = actor.id
    audit.record(Action.API_TOKEN_REVOKED, user_id=token.user_id, actor=actor, token_id=token.id)
    return True


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens that still work, newest first."""
    now = utcnow()
    rows = db.session.scalars(
        select(ApiToken)
        .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
        .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return [token for token in rows if is_live(token, now)]


def live_tokens() -> list[tuple[ApiToken, User]]:
    """Every token that still works, with its user, by user and newest first (the admin's list)."""
    now = utcnow()
    rows = db.session.execute(
        select(ApiToken, User)
        .join(User, User.id == ApiToken.user_id)
        .where(ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
        .order_by(User.name, User.email, ApiToken.created_at.desc())
    ).all()
    return [(token, user) for token, user in rows]


def own_token(user: User, token_id: int) -> ApiToken | None:
    """The user's own token with this id, else None."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None
