"""Reading the API's own inputs: an object by id (404 as JSON) and typed query filters."""

from flask import request
from flask_babel import gettext as _

from crm.api.errors import ApiError
from crm.api.pagination import bad_parameter
from crm.converters import MAX_ID, read_int
from crm.extensions import db


def get_or_404(model, object_id: int, condition=None):
    """The row with this id (meeting `condition`, when given), else a JSON 404."""
    row = db.session.get(model, object_id)
    if row is None or (condition is not None and not condition(row)):
        raise ApiError(404, _("There is nothing with this id."))
    return row


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
