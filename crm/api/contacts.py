"""GET /api/v1/contacts and /api/v1/contacts/<id>: the contact log (entries about erased
people left out; every read audited), and POST /api/v1/contacts to log a contact through the
same service as the consultant's contact form."""

from flask import jsonify
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from crm.api.audit_reads import audited_list, audited_one
from crm.api.blueprint import bp
from crm.api.bodies import Body
from crm.api.docs import operation
from crm.api.errors import ApiError
from crm.api.lookups import (
    get_or_404,
    id_filter,
    not_about_erased,
    not_about_erased_condition,
)
from crm.api.pagination import keyset_page, read_list_params
from crm.api.params import LIST_PARAMETERS, id_parameter
from crm.api.schemas import component, integer, iso, list_of, obj, one, string
from crm.consultant.services import record_contact
from crm.contacts.models import Channel, ContactLogEntry, Direction
from crm.database import utcnow
from crm.extensions import db
from crm.volunteers.models import Volunteer
from crm.volunteers.services import is_erased

CONTACT = component(
    "Contact",
    obj(
        {
            "id": integer(),
            "volunteer_id": integer(nullable=True),
            "branch_id": integer(nullable=True),
            "author_id": integer(nullable=True),
            "at": string("date-time"),
            "channel": string(enum=Channel),
            "direction": string(enum=Direction),
            "summary": string(),
            "outcome": string(),
            "match_id": integer(nullable=True),
            "created_at": string("date-time"),
            "updated_at": string("date-time"),
        }
    ),
)
NEW_CONTACT = component(
    "NewContact",
    obj(
        {
            "volunteer_id": integer(),
            "channel": string(enum=Channel),
            "direction": string(enum=Direction),
            "at": string("date-time"),
            "summary": string(),
            "outcome": string(),
            "match_id": integer(),
            "follow_up_date": string("date"),
            "follow_up_note": string(),
        },
        optional=("direction", "at", "outcome", "match_id", "follow_up_date", "follow_up_note"),
    ),
)
NEW_CONTACT_FIELDS = (
    "volunteer_id",
    "channel",
    "direction",
    "at",
    "summary",
    "outcome",
    "match_id",
    "follow_up_date",
    "follow_up_note",
)
SUMMARY_LENGTH = 5000  # as the contact form
SHORT_LENGTH = 500  # outcome and follow-up note, as the contact form


def serialise_contact(entry: ContactLogEntry) -> dict:
    """A contact log entry as the API shows it (schema CONTACT)."""
    return {
        "id": entry.id,
        "volunteer_id": entry.volunteer_id,
        "branch_id": entry.branch_id,
        "author_id": entry.author_id,
        "at": iso(entry.at),
        "channel": entry.channel,
        "direction": entry.direction,
        "summary": entry.summary,
        "outcome": entry.outcome,
        "match_id": entry.match_id,
        "created_at": iso(entry.created_at),
        "updated_at": iso(entry.updated_at),
    }


@bp.get("/contacts")
@operation(
    summary="List the contact log (audited)",
    response=list_of("Contact"),
    paginated=True,
    personal=True,
    parameters=(
        *LIST_PARAMETERS,
        id_parameter("volunteer_id", "Only contacts with this volunteer."),
    ),
)
def contacts():
    """Every contact log entry, by (updated_at, id), a page at a time."""
    params = read_list_params()
    stmt = select(ContactLogEntry).where(not_about_erased_condition(ContactLogEntry.volunteer_id))
    volunteer_id = id_filter("volunteer_id")
    if volunteer_id is not None:
        stmt = stmt.where(ContactLogEntry.volunteer_id == volunteer_id)
    page = keyset_page(stmt, ContactLogEntry, params)
    items = [serialise_contact(c) for c in page.rows]
    return audited_list(page, items)


@bp.get("/contacts/<int:contact_id>")
@operation(summary="One contact log entry (audited)", response=one("Contact"), personal=True)
def contact(contact_id: int):
    """One contact log entry."""
    entry = get_or_404(ContactLogEntry, contact_id, not_about_erased)
    item = serialise_contact(entry)
    return audited_one(item, entry.volunteer_id)


@bp.post("/contacts")
@operation(
    summary="Log a contact with a volunteer",
    response=one("Contact"),
    status=201,
    body=NEW_CONTACT,
    errors=(400, 401, 403, 422),
)
def log_contact():
    """Log a contact with a volunteer (and, with follow_up_date, a follow-up of the token's
    user), through the consultant's contact service; never moves a match."""
    body = Body(NEW_CONTACT_FIELDS)
    volunteer_id = body.identifier("volunteer_id", required=True)
    channel = body.choice("channel", Channel, required=True)
    direction = body.choice("direction", Direction) or Direction.OUTBOUND
    at = body.moment("at")
    summary = body.text("summary", SUMMARY_LENGTH, required=True, one_line=False)
    outcome = body.text("outcome", SHORT_LENGTH)
    match_id = body.identifier("match_id")
    follow_up_date = body.day("follow_up_date")
    follow_up_note = body.text("follow_up_note", SHORT_LENGTH)
    volunteer = db.session.get(Volunteer, volunteer_id) if volunteer_id else None
    if volunteer_id and (volunteer is None or is_erased(volunteer)):
        body.errors["volunteer_id"] = _("There is no volunteer with this id.")
    if follow_up_note and follow_up_date is None:
        body.errors["follow_up_note"] = _("A follow-up note needs a follow-up date.")
    body.check()
    try:
        entry = record_contact(
            volunteer,
            current_user._get_current_object(),
            channel=channel,
            direction=direction,
            at=at or utcnow(),
            summary=summary,
            outcome=outcome,
            match_id=match_id,
            follow_up_date=follow_up_date,
            follow_up_note=follow_up_note,
        )
    except ValueError:
        db.session.rollback()
        message = _("This match is not one of the volunteer's.")
        raise ApiError(422, message, "validation_failed", fields={"match_id": message}) from None
    item = serialise_contact(entry)
    db.session.commit()
    return jsonify({"data": item}), 201
