"""Invitations, for a branch contact and for staff alike: who has one pending, and accepting it.

Whoever invites (crm.branches.services.invite_contact, crm.admin.staff.invite_staff) leaves the
account with an unusable password and sends the link (crm.auth.emails.send_invitation); the one
acceptance page (crm.auth.invitation_views) sets the password and logs the person in.
"""

from crm.auth.models import Role, User
from crm.auth.services import confirm_email, has_usable_password, set_password
from crm.database import utcnow
from crm.extensions import db


def invitation_pending(user: User) -> bool:
    """True when the user is an active branch contact of a branch, or an active member of staff,
    who has yet to choose a password."""
    if not user.active or has_usable_password(user):
        return False
    if user.role == Role.BRANCH_CONTACT:
        return user.branch_id is not None
    return user.is_staff


def accept_invitation(user: User, password: str) -> None:
    """Set the invited person's password and log the login that follows; the link proved they
    read mail at the address."""
    set_password(user, password)
    confirm_email(user)
    user.last_login_at = utcnow()
    db.session.flush()
