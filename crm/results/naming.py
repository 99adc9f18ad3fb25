"""Who may be named in a results report: only volunteers with an open consent to it.

By default a report names nobody. When the consultant asks for names, a volunteer is named only
with an open ConsentPurpose.NAMED_IN_REPORTS record (given, not withdrawn; the rule is
crm/volunteers/consents.py's, with its Python twin) and not erased;
every other volunteer is "Volunteer 1", "Volunteer 2" ... in the order they first appear.
"""

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import select

from crm.extensions import db
from crm.volunteers.consents import named_in_reports_condition
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition


def consenting_names(volunteer_ids: Iterable[int]) -> dict[int, str]:
    """The full names of those of `volunteer_ids` who may be named, by id (one query)."""
    ids = sorted(set(volunteer_ids))
    if not ids:
        return {}
    rows = db.session.execute(
        select(Volunteer.id, Volunteer.first_name, Volunteer.last_name).where(
            Volunteer.id.in_(ids), named_in_reports_condition(), not_erased_condition()
        )
    )
    return {i: f"{first} {last}".strip() for i, first, last in rows}


def name_column(volunteer_ids: list[int], include_names: bool) -> list[str] | None:
    """The volunteer column of the activity list, one cell per id in order; None (no column)
    unless names were asked for. Consenting volunteers by name, the others numbered."""
    if not include_names:
        return None
    names = consenting_names(volunteer_ids)
    numbers: dict[int, int] = {}
    cells = []
    for volunteer_id in volunteer_ids:
        if volunteer_id in names:
            cells.append(names[volunteer_id])
        else:
            number = numbers.setdefault(volunteer_id, len(numbers) + 1)
            cells.append(_("Volunteer %(number)d", number=number))
    return cells
