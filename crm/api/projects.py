"""GET /api/v1/projects and /api/v1/projects/<id>: every project, as staff see it."""

from flask import jsonify
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.api.blueprint import bp
from crm.api.docs import operation
from crm.api.lookups import choice_filter, get_or_404
from crm.api.pagination import keyset_page, list_response, read_list_params
from crm.api.params import LIST_PARAMETERS, choice_parameter
from crm.api.schemas import array, component, integer, iso, list_of, obj, one, string
from crm.projects.models import Project, ProjectStatus

PROJECT = component(
    "Project",
    obj(
        {
            "id": integer(),
            "title": string(),
            "summary": string(),
            "countries": array(string()),
            "partners": string(),
            "danish_partners": string(),
            "funder": string(),
            "budget_line": string(),
            "start_date": string("date", nullable=True),
            "end_date": string("date", nullable=True),
            "status": string(enum=ProjectStatus),
            "need_ids": array(integer()),
            "created_at": string("date-time"),
            "updated_at": string("date-time"),
            "version": integer(),
        }
    ),
)


def serialise_project(project: Project) -> dict:
    """A project as the API shows it (schema PROJECT)."""
    return {
        "id": project.id,
        "title": project.title,
        "summary": project.summary,
        "countries": [c.code for c in project.countries],
        "partners": project.partners,
        "danish_partners": project.danish_partners,
        "funder": project.funder,
        "budget_line": project.budget_line,
        "start_date": iso(project.start_date),
        "end_date": iso(project.end_date),
        "status": project.status,
        "need_ids": [n.id for n in project.needs],
        "created_at": iso(project.created_at),
        "updated_at": iso(project.updated_at),
        "version": project.version,
    }


def _loaded():
    return select(Project).options(selectinload(Project.countries), selectinload(Project.needs))


@bp.get("/projects")
@operation(
    summary="List projects",
    response=list_of("Project"),
    paginated=True,
    parameters=(
        *LIST_PARAMETERS,
        choice_parameter("status", ProjectStatus, "Only projects in this status."),
    ),
)
def projects():
    """Every project, by (updated_at, id), a page at a time."""
    params = read_list_params()
    stmt = _loaded()
    status = choice_filter("status", ProjectStatus)
    if status:
        stmt = stmt.where(Project.status == status)
    page = keyset_page(stmt, Project, params)
    return list_response(page, [serialise_project(p) for p in page.rows])


@bp.get("/projects/<int:project_id>")
@operation(summary="One project", response=one("Project"))
def project(project_id: int):
    """One project."""
    return jsonify({"data": serialise_project(get_or_404(Project, project_id))})
