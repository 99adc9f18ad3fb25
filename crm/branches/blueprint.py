"""The branch contact's area: one blueprint, its views in a module per job (see views.py)."""

from flask import Blueprint, abort
from flask_login import current_user

from crm.auth.access import role_required
from crm.auth.models import Role
from crm.branches.models import Branch
from crm.extensions import db

bp = Blueprint("branches", __name__, url_prefix="/branch")

contact_required = role_required(Role.BRANCH_CONTACT)
"""Only a branch contact passes (staff see branches through the consultant's pages)."""


def own_branch() -> Branch:
    """The logged-in contact's own branch; 403 for a contact tied to none. Never takes an id
    from the request, so a contact can only ever see their own branch."""
    branch = db.session.get(Branch, current_user.branch_id) if current_user.branch_id else None
    if branch is None:
        abort(403)
    return branch
