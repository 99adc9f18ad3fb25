"""The public front page: active projects and their open needs."""

from flask import Blueprint, render_template

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    """List active projects and their open needs, and invite the visitor to register."""
    return render_template("public/index.html")
