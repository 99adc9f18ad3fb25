"""Every API read of personal data is audited: which endpoint, how many rows, and (for one
person's row) whose, never a name or an address."""

from flask import request

from crm.audit import log as audit
from crm.audit.log import Action


def record_read(rows: int, volunteer_id: int | None = None) -> None:
    """Add the audit event of this request's read (the view commits it)."""
    audit.record(Action.API_READ, volunteer_id=volunteer_id, endpoint=request.endpoint, rows=rows)
