"""Every API read of personal data is audited: which endpoint, how many rows, and (for one
person's row) whose, never a name or an address."""

from flask import Response, jsonify, request

from crm.api.pagination import KeysetPage, list_response
from crm.audit import log as audit
from crm.audit.log import Action
from crm.extensions import db


def record_read(rows: int, volunteer_id: int | None = None) -> None:
    """Add the audit event of this request's read (the view commits it)."""
    audit.record(Action.API_READ, volunteer_id=volunteer_id, endpoint=request.endpoint, rows=rows)


def audited_list(page: KeysetPage, items: list[dict]) -> Response:
    """A list page of personal data as the answer, its read audited and committed."""
    record_read(len(items))
    db.session.commit()
    return list_response(page, items)


def audited_one(item: dict, volunteer_id: int | None) -> Response:
    """One person's row as the answer, its read audited (with whose it is) and committed."""
    record_read(1, volunteer_id=volunteer_id)
    db.session.commit()
    return jsonify({"data": item})
