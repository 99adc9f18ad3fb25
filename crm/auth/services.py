"""Account operations: create users, check passwords, confirm e-mail, reset passwords."""

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from sqlalchemy import select

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import Role, User, normalise_email
from crm.auth.sessions import end_sessions
from crm.database import utcnow
from crm.extensions import db


def _hasher() -> PasswordHasher:
    """Argon2id, a memory-hard scheme; costs come from configuration."""
    config = current_app.config
    return PasswordHasher(
        time_cost=config["PASSWORD_HASH_TIME_COST"],
        memory_cost=config["PASSWORD_HASH_MEMORY_KIB"],
    )


def hash_password(password: str) -> str:
    """Hash a password for storage."""
    return _hasher().hash(password)


def find_user_by_email(email: str) -> User | None:
    """The user with this e-mail address, if any (stored addresses are normalised: one index
    lookup, where comparing lower(email) scanned every account)."""
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    password: str | None,
    role: Role,
    name: str = "",
    *,
    password_hash: str | None = None,
    **fields,
) -> User:
    """Add a user with a hashed password (or one hashed already); the caller commits."""
    if password_hash is None:
        if password is None:
            raise ValueError("create_user needs a password or its hash")
        password_hash = hash_password(password)
    user = User(
        email=normalise_email(email),
        password_hash=password_hash,
        role=role,
        name=name,
        **fields,
    )
    db.session.add(user)
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user whose password matches, else None (same answer for every failure)."""
    user = find_user_by_email(email)
    if user is None:
        _hasher().hash(password)  # spend the same time as a real check
        audit.record(Action.LOGIN_FAILED, reason="unknown")
        return None
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        audit.record(Action.LOGIN_FAILED, user_id=user.id, reason="password")
        return None
    if not user.active:
        audit.record(Action.LOGIN_FAILED, user_id=user.id, reason="inactive")
        return None
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    return user


def check_password(user: User, password: str) -> bool:
    """True when the password is the user's current one."""
    try:
        return _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def set_password(user: User, password: str) -> None:
    """Replace the user's password (which also invalidates earlier reset links)."""
    user.password_hash = hash_password(password)


UNUSABLE_PREFIX = "!"
"""Starts a stored password that no password matches: Argon2 never makes such a hash."""


def reset_password(user: User, password: str) -> None:
    """Set the password chosen from a reset link: the link proved the address, so it is
    confirmed; every session of the account ends; the reset is audited."""
    set_password(user, password)
    confirm_email(user)
    end_sessions(user, "password")
    audit.record(Action.PASSWORD_RESET, user_id=user.id, actor=user)


def change_password(user: User, password: str) -> None:
    """Change the logged-in user's password: their other sessions end, this one goes on;
    audited."""
    set_password(user, password)
    end_sessions(user, "password", keep_current=True)
    audit.record(Action.PASSWORD_CHANGED, user_id=user.id)


def set_unusable_password(user: User) -> None:
    """Leave the user without a password that works: no login until a new one is set.

    The stored value is new each time, so the session key changes and every session ends, and so
    does every link whose fingerprint is the password (a reset or invitation link).
    """
    user.password_hash = UNUSABLE_PREFIX + secrets.token_hex(16)


def has_usable_password(user: User) -> bool:
    """True when the user has set a password they can log in with."""
    return not user.password_hash.startswith(UNUSABLE_PREFIX)


def confirm_email(user: User) -> None:
    """Mark the user's e-mail address as confirmed."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
