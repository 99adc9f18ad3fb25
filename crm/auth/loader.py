"""Flask-Login's user loader."""

from crm.auth.models import User
from crm.extensions import db


def load_user(session_id: str) -> User | None:
    """The logged-in user, unless the id is malformed or the password changed since login."""
    user_id, _, key = session_id.partition(":")
    try:
        user = db.session.get(User, int(user_id))
    except (ValueError, OverflowError):
        return None
    if user is None or user.session_key != key:
        return None
    return user
