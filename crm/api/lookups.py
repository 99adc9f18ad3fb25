"""Reading the API's own inputs: an object by id (404 as JSON) and typed query filters."""

from flask import request
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, or_, select

from crm.api.errors import ApiError
from crm.api.pagination import bad_parameter
from crm.converters import MAX_ID, read_int
from crm.extensions import db
from crm.volunteers.models import Volunteer
from crm.volunteers.services import is_erased, not_erased_condition


def get_or_404(model, object_id: int, condition=None):
    """The row with this id (meeting `condition`, when given), else a JSON 404."""
    row = db.session.get(model, object_id)
    if row is None or (condition is not None and not condition(row)):
        raise ApiError(404, _("There is nothing with this id."))
    return row


# "About nobody erased": one rule for every API row that may name a volunteer (a match, a
# contact log entry), SQL and Python side by side. A branch's row names none and is shown.
def not_about_erased_condition(volunteer_id) -> ColumnElement[bool]:
    """SQL: the row's `volunteer_id` column is empty or names a volunteer not erased (the
    erased are few, found through their partial index)."""
    erased = select(Volunteer.id).where(~not_erased_condition())
    return or_(volunteer_id.is_(None), volunteer_id.not_in(erased))


def not_about_erased(row) -> bool:
    """Python twin of not_about_erased_condition, for a row with a volunteer_id."""
    if row.volunteer_id is None:
        return True
    volunteer = db.session.get(Volunteer, row.volunteer_id)
    return volunteer is not None and not is_erased(volunteer)


def id_filter(name: str) -> int | None:
    """?name=<id> as an int, None when absent; 400 naming it when it is not an id."""
    text = request.args.get(name)
    if text is None:
        return None
    try:
        return read_int(text, 1, MAX_ID)
    except ValueError:
        raise bad_parameter(
            name, _("“%(name)s” must be an id (a whole number).", name=name)
        ) from None


def choice_filter(name: str, choices) -> str | None:
    """?name=<value> from `choices`, None when absent; 400 naming it for any other value."""
    text = request.args.get(name)
    if text is None:
        return None
    allowed = [str(choice) for choice in choices]
    if text not in allowed:
        raise bad_parameter(
            name,
            _("“%(name)s” must be one of: %(values)s.", name=name, values=", ".join(allowed)),
        )
    return text
