"""Login sessions kept on the server, so that logging out really ends them.

The session cookie and the remember-me cookie carry "<user id>:<token>"; only a hash of the token
is stored. A session ends at logout, at a password change (all but the one that changed it), when
the account is deactivated or its role changes, after SESSION_IDLE_TIMEOUT seconds without a
request, and (remember-me) REMEMBER_COOKIE_DURATION seconds after login. A copied cookie is
useless once its session has ended.
"""

import hashlib
import secrets
from datetime import datetime, timedelta

from flask import current_app, g
from flask_login import current_user, login_user, logout_user
from sqlalchemy import ForeignKey, String, and_, or_, select, update
from sqlalchemy.orm import Mapped, mapped_column

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db

TOUCH_EVERY = timedelta(seconds=60)
"""last_seen_at is written at most once a minute per session, not on every request."""


class LoginSession(db.Model):
    """One login on one device, from login until it ends."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    remember_until: Mapped[datetime | None]
    """Set when the user ticked "remember me": valid until then, however long the pause."""
    ended_at: Mapped[datetime | None]
    end_reason: Mapped[str | None] = mapped_column(String(20))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User, remember: bool = False) -> LoginSession:
    """Open a session for the user; call before login_user, which stores user.get_id()."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    remember_until = None
    if remember:
        remember_until = now + timedelta(seconds=current_app.config["REMEMBER_COOKIE_DURATION"])
    login = LoginSession(
        user_id=user.id,
        token_hash=_hash(token),
        created_at=now,
        last_seen_at=now,
        remember_until=remember_until,
    )
    db.session.add(login)
    db.session.flush()
    user.session_token = token
    return login


def log_in(user: User, remember: bool = False) -> None:
    """Start a server-side session and log the user in with it (the caller commits)."""
    login = start_session(user, remember)
    login_user(user, remember=remember)
    g.login_session_id = login.id
    audit.record(Action.LOGIN, user_id=user.id, actor=user, remember=remember)


def log_out(reason: str = "logout") -> None:
    """End this request's session on the server and forget it in the browser."""
    end_current_session(reason)
    if current_user.is_authenticated:
        audit.record(Action.LOGOUT, user_id=current_user.id, reason=reason)
    logout_user()
    g.pop("login_session_id", None)


def is_live(login: LoginSession, now: datetime | None = None) -> bool:
    """Not ended, and neither idle too long nor (remember-me) past its date."""
    now = now or utcnow()
    if login.ended_at is not None:
        return False
    if login.remember_until is not None:
        return now < login.remember_until
    idle = timedelta(seconds=current_app.config["SESSION_IDLE_TIMEOUT"])
    return now - login.last_seen_at < idle


def find_session(user_id: int, token: str) -> tuple[User, LoginSession] | None:
    """The user and their live session with this token (one query), touched as seen; else None."""
    row = db.session.execute(
        select(User, LoginSession)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(LoginSession.token_hash == _hash(token), User.id == user_id)
    ).first()
    if row is None:
        return None
    user, login = row
    now = utcnow()
    if not is_live(login, now):
        return None
    if now - login.last_seen_at >= TOUCH_EVERY:
        login.last_seen_at = now
        g.login_session_touched = True
    return user, login


def current_session_id() -> int | None:
    """The LoginSession of this request, if a user is logged in."""
    return getattr(g, "login_session_id", None)


def end_current_session(reason: str = "logout") -> None:
    """End the session of this request (logout)."""
    session_id = current_session_id()
    if session_id is not None:
        db.session.execute(
            update(LoginSession)
            .where(LoginSession.id == session_id, LoginSession.ended_at.is_(None))
            .values(ended_at=utcnow(), end_reason=reason)
        )


def end_sessions(user: User, reason: str, keep_current: bool = False) -> int:
    """End every open session of the user (all but this request's with keep_current).

    Called on a password change or reset, deactivation, a role change and removal of a branch
    contact. Returns how many ended.
    """
    query = update(LoginSession).where(
        LoginSession.user_id == user.id, LoginSession.ended_at.is_(None)
    )
    if keep_current and current_session_id() is not None:
        query = query.where(LoginSession.id != current_session_id())
    result = db.session.execute(query.values(ended_at=utcnow(), end_reason=reason))
    return result.rowcount


def open_sessions(user: User) -> list[LoginSession]:
    """The user's sessions that have not ended, newest first (idle ones are filtered by is_live)."""
    rows = db.session.scalars(
        select(LoginSession)
        .where(LoginSession.user_id == user.id, LoginSession.ended_at.is_(None))
        .order_by(LoginSession.last_seen_at.desc())
    )
    now = utcnow()
    return [row for row in rows if is_live(row, now)]


def prune_sessions(before: datetime) -> int:
    """Delete sessions that ended, or were last seen, before the given time (retention)."""
    result = db.session.execute(
        LoginSession.__table__.delete().where(
            or_(
                LoginSession.ended_at < before,
                and_(
                    LoginSession.last_seen_at < before,
                    or_(
                        LoginSession.remember_until.is_(None), LoginSession.remember_until < before
                    ),
                ),
            )
        )
    )
    return result.rowcount
