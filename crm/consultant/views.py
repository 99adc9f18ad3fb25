"""The consultant's workspace."""

from flask import Blueprint, render_template

from crm.auth.access import staff_required

bp = Blueprint("consultant", __name__, url_prefix="/consultant")


@bp.get("/")
@staff_required
def dashboard():
    """The consultant's start page."""
    return render_template("consultant/dashboard.html")
