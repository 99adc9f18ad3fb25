"""Volunteer profile operations."""

from crm.auth.models import User
from crm.extensions import db
from crm.volunteers.models import Volunteer


def create_profile(user: User, first_name: str, last_name: str) -> Volunteer:
    """Start an empty profile for a newly registered volunteer; the caller commits."""
    volunteer = Volunteer(
        user_id=user.id, first_name=first_name, last_name=last_name, email=user.email
    )
    db.session.add(volunteer)
    db.session.flush()
    return volunteer
