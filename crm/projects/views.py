"""Consultants manage projects and their needs."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import staff_required
from crm.extensions import db
from crm.locking import StaleEdit
from crm.matches import closing, refresh
from crm.notifications import openings, status
from crm.projects import services
from crm.projects.forms import NeedForm, ProjectForm
from crm.projects.labels import PROJECT_STATUS_LABELS
from crm.projects.models import Project

bp = Blueprint("projects", __name__, url_prefix="/projects")


def _refuse_stale(message: str) -> None:
    """Undo the attempted save and tell the user why nothing was saved."""
    db.session.rollback()
    flash(message, "error")


@bp.get("/")
@staff_required
def index():
    """All projects with their number of open and total needs, optionally filtered by status."""
    status = request.args.get("status", "")
    if status not in PROJECT_STATUS_LABELS:
        status = ""
    rows = services.projects_with_need_counts(status or None)
    return render_template("projects/index.html", rows=rows, status=status)


@bp.route("/new", methods=["GET", "POST"])
@staff_required
def new():
    """Create a project."""
    form = ProjectForm()
    if form.validate_on_submit():
        project = services.create_project(form.to_data())
        db.session.commit()
        flash(_("The project was created."), "success")
        return redirect(url_for(".show", project_id=project.id))
    return render_template("projects/project_form.html", form=form, project=None)


@bp.get("/<int:project_id>")
@staff_required
def show(project_id: int):
    """A project with all its needs."""
    project = services.project_with_needs(project_id) or abort(404)
    return render_template("projects/show.html", project=project)


@bp.route("/<int:project_id>/edit", methods=["GET", "POST"])
@staff_required
def edit(project_id: int):
    """Edit a project; a stale form (someone saved meanwhile) is refused, not overwritten."""
    project = db.get_or_404(Project, project_id)
    if request.method == "GET":
        form = ProjectForm(obj=project)
        form.countries.data = [c.code for c in project.countries]
        form.version.data = project.version
    else:
        form = ProjectForm()
    if form.validate_on_submit():
        were_open = closing.open_ids(project.needs)
        were_public = openings.public_ids(project.needs)
        try:
            services.update_project(project, form.to_data(), form.version.data)
        except StaleEdit:
            _refuse_stale(
                _(
                    "Your changes were not saved: someone else saved this project after you "
                    "opened it. Your text is still in the form below. Open the project again to "
                    "see the current version, then make your changes there."
                )
            )
            return render_template("projects/project_form.html", form=form, project=project), 409
        status.need_closing(project.needs, were_open)
        closing.withdraw_closed(project.needs, were_open, current_user)
        refresh.project_saved(project)
        opened = openings.record_openings(project.needs, were_public)
        db.session.commit()
        openings.announce(opened)
        flash(_("The project was saved."), "success")
        return redirect(url_for(".show", project_id=project.id))
    return render_template("projects/project_form.html", form=form, project=project)


def _wants_more_rows(form: NeedForm) -> bool:
    """True when the user pressed an "add row" button: show the form again with one more row."""
    which = request.form.get("add_row")
    if which not in ("skills", "languages"):
        return False
    form.add_empty_rows(skills=int(which == "skills"), languages=int(which == "languages"))
    return True


@bp.route("/<int:project_id>/needs/new", methods=["GET", "POST"])
@staff_required
def new_need(project_id: int):
    """Add a need to a project; it starts in the project's countries, which are offered first."""
    project = db.get_or_404(Project, project_id)
    codes = [c.code for c in project.countries]
    if request.method == "GET":  # a new need starts in its project's countries
        form = NeedForm(data={"countries": codes}, project_countries=codes)
        form.add_empty_rows()
    else:
        form = NeedForm(project_countries=codes)
    if request.method == "POST" and not _wants_more_rows(form) and form.validate_on_submit():
        need = services.create_need(project, form.to_data())
        refresh.refresh_need(need)
        opened = openings.record_openings([need], set())
        db.session.commit()
        openings.announce(opened)
        flash(_("The need was created."), "success")
        return redirect(url_for(".need", need_id=need.id))
    return render_template("projects/need_form.html", form=form, project=project, need=None)


@bp.get("/needs/<int:need_id>")
@staff_required
def need(need_id: int):
    """A need with its requirements, for staff."""
    need = services.need_with_requirements(need_id) or abort(404)
    return render_template("projects/need.html", need=need, project=need.project)


def _need_form_data(need) -> dict:
    return {
        "title": need.title,
        "description": need.description,
        "skills": [
            {"area": s.area, "min_level": str(s.min_level), "weight": str(s.weight)}
            for s in need.skills
        ],
        "languages": [
            {
                "code": lang.code,
                "min_level": lang.min_level,
                "required": "required" if lang.required else "preferred",
            }
            for lang in need.languages
        ],
        "countries": [c.code for c in need.countries],
        "period_from": need.period_from,
        "period_to": need.period_to,
        "hours_per_month": need.hours_per_month,
        "travel": need.travel or "",
        "seats": need.seats,
        "deadline": need.deadline,
        "status": need.status,
        "version": need.version,
    }


@bp.route("/needs/<int:need_id>/edit", methods=["GET", "POST"])
@staff_required
def edit_need(need_id: int):
    """Edit a need and its requirements; a stale form is refused, not overwritten."""
    need = services.need_with_requirements(need_id) or abort(404)
    project = need.project
    codes = [c.code for c in project.countries]
    if request.method == "GET":
        form = NeedForm(data=_need_form_data(need), project_countries=codes)
        form.add_empty_rows(skills=1, languages=1)
    else:
        form = NeedForm(project_countries=codes)
    if request.method == "POST" and not _wants_more_rows(form) and form.validate_on_submit():
        were_open = closing.open_ids([need])
        were_public = openings.public_ids([need])
        try:
            services.update_need(need, form.to_data(), form.version.data)
        except StaleEdit:
            _refuse_stale(
                _(
                    "Your changes were not saved: someone else saved this need after you opened "
                    "it. Your text is still in the form below. Open the need again to see the "
                    "current version, then make your changes there."
                )
            )
            return render_template(
                "projects/need_form.html", form=form, project=project, need=need
            ), 409
        status.need_closing([need], were_open)
        closing.withdraw_closed([need], were_open, current_user)
        refresh.refresh_need(need)
        opened = openings.record_openings([need], were_public)
        db.session.commit()
        openings.announce(opened)
        flash(_("The need was saved."), "success")
        return redirect(url_for(".need", need_id=need.id))
    return render_template("projects/need_form.html", form=form, project=project, need=need)
