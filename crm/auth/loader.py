"""Flask-Login's user loader."""

from crm.auth.models import User
from crm.extensions import db


def load_user(user_id: str) -> User | None:
    """Load the logged-in user by id; unknown or malformed ids give no user."""
    try:
        return db.session.get(User, int(user_id))
    except ValueError:
        return None
