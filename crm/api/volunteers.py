"""GET /api/v1/volunteers and /api/v1/volunteers/<id>: profiles as staff see them, erased
people left out; every read audited."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.api.audit_reads import audited_list, audited_one
from crm.api.blueprint import bp
from crm.api.docs import operation
from crm.api.lookups import get_or_404, id_filter
from crm.api.pagination import keyset_page, read_list_params
from crm.api.params import LIST_PARAMETERS, id_parameter
from crm.api.schemas import (
    array,
    boolean,
    component,
    integer,
    iso,
    list_of,
    number,
    obj,
    one,
    string,
)
from crm.labels import TRAVEL_LABELS
from crm.volunteers.models import Volunteer
from crm.volunteers.services import (
    consent_status,
    current_consent_version,
    is_erased,
    not_erased_condition,
)

VOLUNTEER = component(
    "Volunteer",
    obj(
        {
            "id": integer(),
            "first_name": string(),
            "last_name": string(),
            "email": string(),
            "phone": string(),
            "city": string(),
            "postcode": string(),
            "branch_id": integer(nullable=True),
            "share_with_branch": boolean(),
            "motivation": string(),
            "availability": obj(
                {
                    "from": string("date", nullable=True),
                    "to": string("date", nullable=True),
                    "hours_per_month": integer(nullable=True),
                    "travel": string(nullable=True, enum=TRAVEL_LABELS),
                }
            ),
            "experience": array(
                obj(
                    {
                        "area": string(nullable=True),
                        "level": integer(nullable=True),
                        "years": integer(nullable=True),
                        "description": string(),
                    }
                )
            ),
            "skills": array(
                obj(
                    {
                        "area": string(),
                        "level": integer(),
                        "confidence": number(),
                        "source": string(),
                    }
                )
            ),
            "languages": array(obj({"code": string(), "level": string()})),
            "countries": array(string()),
            "consent": obj(
                {
                    "status": string(enum=("given", "outdated", "missing")),
                    "version": string(nullable=True),
                    "given_at": string("date-time", nullable=True),
                    "withdrawn_at": string("date-time", nullable=True),
                }
            ),
            "created_at": string("date-time"),
            "updated_at": string("date-time"),
            "version": integer(),
        }
    ),
)


def serialise_volunteer(volunteer: Volunteer, consent_version: str) -> dict:
    """A volunteer as staff may see them (schema VOLUNTEER): no login, password or token."""
    return {
        "id": volunteer.id,
        "first_name": volunteer.first_name,
        "last_name": volunteer.last_name,
        "email": volunteer.email,
        "phone": volunteer.phone,
        "city": volunteer.city,
        "postcode": volunteer.postcode,
        "branch_id": volunteer.branch_id,
        "share_with_branch": volunteer.share_with_branch,
        "motivation": volunteer.motivation,
        "availability": {
            "from": iso(volunteer.available_from),
            "to": iso(volunteer.available_to),
            "hours_per_month": volunteer.hours_per_month,
            "travel": volunteer.travel,
        },
        "experience": [
            {"area": e.area, "level": e.level, "years": e.years, "description": e.description}
            for e in volunteer.experience
        ],
        "skills": [
            {"area": s.area, "level": s.level, "confidence": s.confidence, "source": s.source}
            for s in volunteer.skills
        ],
        "languages": [{"code": lang.code, "level": lang.level} for lang in volunteer.languages],
        "countries": [c.code for c in volunteer.countries],
        "consent": {
            "status": consent_status(volunteer, consent_version),
            "version": volunteer.consent_version,
            "given_at": iso(volunteer.consent_at),
            "withdrawn_at": iso(volunteer.consent_withdrawn_at),
        },
        "created_at": iso(volunteer.created_at),
        "updated_at": iso(volunteer.updated_at),
        "version": volunteer.version,
    }


def _loaded():
    return select(Volunteer).options(
        selectinload(Volunteer.experience),
        selectinload(Volunteer.skills),
        selectinload(Volunteer.languages),
        selectinload(Volunteer.countries),
    )


@bp.get("/volunteers")
@operation(
    summary="List volunteers (erased people left out; audited)",
    response=list_of("Volunteer"),
    paginated=True,
    personal=True,
    parameters=(*LIST_PARAMETERS, id_parameter("branch_id", "Only this branch's members.")),
)
def volunteers():
    """Every volunteer who is not erased, by (updated_at, id), a page at a time."""
    params = read_list_params()
    stmt = _loaded().where(not_erased_condition())
    branch_id = id_filter("branch_id")
    if branch_id is not None:
        stmt = stmt.where(Volunteer.branch_id == branch_id)
    page = keyset_page(stmt, Volunteer, params)
    version = current_consent_version()
    items = [serialise_volunteer(v, version) for v in page.rows]
    return audited_list(page, items)


@bp.get("/volunteers/<int:volunteer_id>")
@operation(summary="One volunteer (audited)", response=one("Volunteer"), personal=True)
def volunteer(volunteer_id: int):
    """One volunteer's profile; an erased person answers 404."""
    found = get_or_404(Volunteer, volunteer_id, lambda v: not is_erased(v))
    item = serialise_volunteer(found, current_consent_version())
    return audited_one(item, found.id)
