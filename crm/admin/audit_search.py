"""The audit log page's search: filters to events, one page at a time, with who and whose.

Counting stops at MAX_COUNTED events: with a million events an exact count of a wide filter
costs more than the page itself, and nobody pages that deep (narrowing the filters does).
"""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from crm.audit.labels import detail_label
from crm.audit.log import events_query
from crm.audit.models import AuditEvent
from crm.auth.labels import role_label
from crm.auth.models import User
from crm.consultant.search import name_condition
from crm.contacts.labels import channel_label, direction_label
from crm.extensions import db
from crm.matches.labels import state_label
from crm.pagination import Page, offset, page_count
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition

PER_PAGE = 50
MAX_COUNTED = 10_000
MAX_NAMED = 500
"""At most this many volunteers found by a name are searched for (a name is not a wildcard)."""
CHANGE_LABELS = {"contact": _l("contact logged"), "pipeline": _l("moved in the pipeline")}
EXPORT_LABELS = {
    "volunteers": _l("volunteers"),
    "candidates": _l("a need's candidates"),
    "results_xlsx": _l("a project's results (spreadsheet)"),
    "results_print": _l("a project's results (printable page)"),
}
WORDED = {
    "role": role_label,
    "old": role_label,
    "new": role_label,
    "from_state": state_label,
    "to_state": state_label,
    "channel": channel_label,
    "direction": direction_label,
    "change": lambda code: str(CHANGE_LABELS.get(code, code)),
    "export": lambda code: str(EXPORT_LABELS.get(code, code)),
}
"""Detail keys whose stored codes have words; other values are shown as stored."""


@dataclass(frozen=True)
class AuditFilters:
    """The page's filters: volunteer_ids None is anyone, [] nobody (a name nobody has)."""

    volunteer_ids: list[int] | None = None
    actor_id: int | None = None
    action: str = ""
    day_from: date | None = None
    day_to: date | None = None


@dataclass(frozen=True)
class EventRow:
    """One event as the page shows it."""

    event: AuditEvent
    actor: User | None
    account: User | None
    """The account the event concerns (a login, a role change), if any and still there."""
    volunteer_name: str | None
    """The name of the volunteer it concerns; None when there is none, or the record was erased
    (an anonymised tombstone) or deleted."""
    details: list[tuple[str, str]]


def volunteers_named(name: str) -> list[int]:
    """Ids of the volunteers whose first or last names begin with the words typed."""
    if not name.split():
        return []
    return list(
        db.session.scalars(
            select(Volunteer.id).where(name_condition(name)).order_by(Volunteer.id).limit(MAX_NAMED)
        )
    )


def _count(query) -> int:
    """How many events the query finds, counting no further than MAX_COUNTED + 1."""
    ids = query.with_only_columns(AuditEvent.id).order_by(None).limit(MAX_COUNTED + 1)
    return db.session.scalar(select(func.count()).select_from(ids.subquery()))


def _value(key: str, value: object) -> str:
    if key in WORDED and isinstance(value, str):
        return WORDED[key](value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def readable_details(details: dict) -> list[tuple[str, str]]:
    """The event's details as (label, value) pairs, in their stored order."""
    return [(detail_label(k), _value(k, v)) for k, v in (details or {}).items()]


def events_page(filters: AuditFilters, number: int) -> tuple[Page[EventRow], bool]:
    """One page of matching events, newest first, and whether there are more than MAX_COUNTED
    (the total then says MAX_COUNTED)."""
    query = events_query(
        actor_id=filters.actor_id,
        action=filters.action or None,
        day_from=filters.day_from,
        day_to=filters.day_to,
        volunteer_ids=filters.volunteer_ids,
    )
    counted = _count(query)
    total = min(counted, MAX_COUNTED)
    number = min(number, page_count(total, PER_PAGE))
    events = list(db.session.scalars(query.limit(PER_PAGE).offset(offset(number, PER_PAGE))))
    user_ids = {e.actor_id for e in events} | {e.user_id for e in events}
    users = {
        u.id: u for u in db.session.scalars(select(User).where(User.id.in_(user_ids - {None})))
    }
    volunteer_ids = {e.volunteer_id for e in events if e.volunteer_id is not None}
    names = {
        vid: f"{first} {last}".strip()
        for vid, first, last in db.session.execute(
            select(Volunteer.id, Volunteer.first_name, Volunteer.last_name).where(
                Volunteer.id.in_(volunteer_ids), not_erased_condition()
            )
        )
    }
    rows = [
        EventRow(
            event=e,
            actor=users.get(e.actor_id),
            account=users.get(e.user_id),
            volunteer_name=names.get(e.volunteer_id),
            details=readable_details(e.details),
        )
        for e in events
    ]
    return Page(rows, number, PER_PAGE, total), counted > MAX_COUNTED
