"""The public pages: active projects and their open needs, for anyone without logging in."""

from flask import Blueprint, abort, render_template

from crm.projects import services as project_services

bp = Blueprint("public", __name__)


@bp.get("/")
def index():
    """List active projects and their open needs, and invite the visitor to register."""
    projects = project_services.public_projects()
    return render_template("public/index.html", projects=projects)


@bp.get("/p/<int:project_id>")
def project(project_id: int):
    """One active project with its open needs; anything not public is a 404."""
    project = project_services.public_project(project_id) or abort(404)
    return render_template("public/project.html", project=project)
