"""The volunteer's own pages: the skills profile."""

from flask import Blueprint, render_template

from crm.auth.access import role_required
from crm.auth.models import Role

bp = Blueprint("volunteers", __name__, url_prefix="/me")


@bp.get("/")
@role_required(Role.VOLUNTEER)
def profile():
    """The volunteer's profile, shown back readably."""
    return render_template("volunteers/profile.html")
