"""Flask-Login's user loader: a user only with a live server-side session (crm.auth.sessions)."""

from flask import g, request

from crm.auth.models import User
from crm.auth.sessions import find_session
from crm.extensions import db


def load_user(session_id: str) -> User | None:
    """The logged-in user, unless the id is malformed, the session ended or the account is off."""
    user_id, _, token = session_id.partition(":")
    try:
        found = find_session(int(user_id), token) if token else None
    except (ValueError, OverflowError):
        return None
    if found is None or not found[0].active:
        return None
    user, login = found
    user.session_token = token
    g.login_session_id = login.id
    return user


def load_user_first() -> None:
    """Before each request: load the user while nothing else is pending, and save the touch.

    The session's last_seen_at (idle timeout) is written here, at most once a minute, in its
    own commit, so that it never rides along with a view's unfinished changes.
    """
    if request.endpoint == "static":
        return
    from flask_login import current_user

    current_user._get_current_object()
    if g.pop("login_session_touched", False):
        db.session.commit()
