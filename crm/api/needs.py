"""GET /api/v1/needs and /api/v1/needs/<id>: every need with its skills, languages and
countries."""

from flask import jsonify
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.api.blueprint import bp
from crm.api.docs import operation
from crm.api.lookups import choice_filter, get_or_404, id_filter
from crm.api.pagination import keyset_page, list_response, read_list_params
from crm.api.params import LIST_PARAMETERS, choice_parameter, id_parameter
from crm.api.schemas import array, boolean, component, integer, iso, list_of, obj, one, string
from crm.labels import TRAVEL_LABELS
from crm.projects.models import Need, NeedStatus

NEED = component(
    "Need",
    obj(
        {
            "id": integer(),
            "project_id": integer(),
            "title": string(),
            "description": string(),
            "skills": array(obj({"area": string(), "min_level": integer(), "weight": integer()})),
            "languages": array(
                obj({"code": string(), "min_level": string(), "required": boolean()})
            ),
            "countries": array(string()),
            "period_from": string("date", nullable=True),
            "period_to": string("date", nullable=True),
            "hours_per_month": integer(nullable=True),
            "travel": string(nullable=True, enum=TRAVEL_LABELS),
            "seats": integer(),
            "deadline": string("date", nullable=True),
            "status": string(enum=NeedStatus),
            "created_at": string("date-time"),
            "updated_at": string("date-time"),
            "version": integer(),
        }
    ),
)


def serialise_need(need: Need) -> dict:
    """A need as the API shows it (schema NEED)."""
    return {
        "id": need.id,
        "project_id": need.project_id,
        "title": need.title,
        "description": need.description,
        "skills": [
            {"area": s.area, "min_level": s.min_level, "weight": s.weight} for s in need.skills
        ],
        "languages": [
            {"code": lang.code, "min_level": lang.min_level, "required": lang.required}
            for lang in need.languages
        ],
        "countries": [c.code for c in need.countries],
        "period_from": iso(need.period_from),
        "period_to": iso(need.period_to),
        "hours_per_month": need.hours_per_month,
        "travel": need.travel,
        "seats": need.seats,
        "deadline": iso(need.deadline),
        "status": need.status,
        "created_at": iso(need.created_at),
        "updated_at": iso(need.updated_at),
        "version": need.version,
    }


@bp.get("/needs")
@operation(
    summary="List needs",
    response=list_of("Need"),
    paginated=True,
    parameters=(
        *LIST_PARAMETERS,
        id_parameter("project_id", "Only this project's needs."),
        choice_parameter("status", NeedStatus, "Only needs in this status."),
    ),
)
def needs():
    """Every need, by (updated_at, id), a page at a time."""
    params = read_list_params()
    stmt = select(Need).options(
        selectinload(Need.skills), selectinload(Need.languages), selectinload(Need.countries)
    )
    project_id = id_filter("project_id")
    if project_id is not None:
        stmt = stmt.where(Need.project_id == project_id)
    status = choice_filter("status", NeedStatus)
    if status:
        stmt = stmt.where(Need.status == status)
    page = keyset_page(stmt, Need, params)
    return list_response(page, [serialise_need(n) for n in page.rows])


@bp.get("/needs/<int:need_id>")
@operation(summary="One need", response=one("Need"))
def need(need_id: int):
    """One need with its requirements."""
    return jsonify({"data": serialise_need(get_or_404(Need, need_id))})
