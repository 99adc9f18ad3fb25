"""The public pages: active projects and their open needs, for anyone without logging in."""

from flask import Blueprint, abort, render_template, request

from crm.labels import EXPERIENCE_LABELS
from crm.public import privacy, services
from crm.public.cache import cached_page
from crm.public.forms import NeedFilterForm
from crm.public.visitor import Visitor

bp = Blueprint("public", __name__)

FRONT_PAGE_NEEDS = 3
"""Needs listed per project on the front page (nearest deadline first); the rest on its page."""


def _filters(project_id: int | None = None) -> NeedFilterForm:
    """The filter form read from the URL, offering the open needs' areas and countries."""
    form = NeedFilterForm(request.args)
    form.fill_choices(services.filter_choices(project_id))
    return form


@bp.get("/")
def index():
    """Active projects, each with its number of open needs and the nearest few; filterable."""
    return cached_page(_render_index)


def _render_index() -> tuple[str, dict[str, str]]:
    form = _filters()
    chosen = form.chosen()
    projects = services.public_projects(chosen)
    html = render_template(
        "public/index.html",
        projects=projects,
        matching=sum(len(p.needs) for p in projects),
        form=form,
        chosen=chosen,
        shown=FRONT_PAGE_NEEDS,
        visitor=Visitor.current(),
        levels=EXPERIENCE_LABELS,
    )
    return html, chosen.args()


@bp.get("/p/<int:project_id>")
def project(project_id: int):
    """One active project with its open needs in full, filterable; anything not public is a 404."""
    return cached_page(lambda: _render_project(project_id))


def _render_project(project_id: int) -> tuple[str, dict[str, str]]:
    form = _filters(project_id)
    chosen = form.chosen()
    found = services.public_project(project_id, chosen) or abort(404)
    html = render_template(
        "public/project.html",
        found=found,
        project=found.project,
        form=form,
        chosen=chosen,
        visitor=Visitor.current(),
        levels=EXPERIENCE_LABELS,
    )
    return html, chosen.args()


@bp.get("/privacy")
def privacy_policy():
    """How the party handles volunteers' personal data, for anyone, logged in or not."""
    return render_template(
        "public/privacy.html", controller=privacy.controller(), retention=privacy.retention()
    )
