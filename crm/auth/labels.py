"""What each role is called, in the user's language."""

from flask_babel import lazy_gettext as _l

from crm.auth.models import Role

ROLE_LABELS = {
    Role.VOLUNTEER: _l("Volunteer"),
    Role.BRANCH_CONTACT: _l("Branch contact"),
    Role.CONSULTANT: _l("Consultant"),
    Role.ADMIN: _l("Administrator"),
}


def role_label(role: str | None) -> str:
    """The role's label; the code itself when it is not a role, and "" for none."""
    if not role:
        return ""
    try:
        return str(ROLE_LABELS[Role(role)])
    except ValueError:
        return role
