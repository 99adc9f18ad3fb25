"""Reading a JSON request body: 400 when it is not a JSON object, 422 naming each bad field."""

from datetime import date, datetime

from flask import request
from flask_babel import gettext as _

from crm.api.errors import ApiError
from crm.api.pagination import parse_time
from crm.contacts.forms import IMPLAUSIBLE_YEAR, plausible_year
from crm.control_characters import has_control_characters, is_one_line
from crm.converters import MAX_ID


class Body:
    """The request's JSON object, read field by field; `check()` raises one 422 for all the
    fields found wrong."""

    def __init__(self, allowed: tuple[str, ...]):
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            raise ApiError(400, _("Send a JSON object with Content-Type: application/json."))
        self.data = data
        self.errors: dict[str, str] = {
            name: _("Unknown field.") for name in data if name not in allowed
        }

    def _missing(self, name: str, required: bool) -> bool:
        if self.data.get(name) is None:
            if required:
                self.errors[name] = _("This field is required.")
            return True
        return False

    def text(self, name: str, max_length: int, required: bool = False, one_line=True) -> str:
        """A string of at most max_length characters (single-line unless told), stripped."""
        if self._missing(name, required):
            return ""
        value = self.data[name]
        if not isinstance(value, str):
            self.errors[name] = _("Must be a string.")
            return ""
        value = value.strip()
        if required and not value:
            self.errors[name] = _("This field is required.")
        elif len(value) > max_length:
            self.errors[name] = _("At most %(max)d characters.", max=max_length)
        elif one_line and not is_one_line(value):
            self.errors[name] = _("Must be a single line.")
        elif has_control_characters(value):
            self.errors[name] = _("Must not hold control characters.")
        return value

    def identifier(self, name: str, required: bool = False) -> int | None:
        """An id (a positive whole number)."""
        if self._missing(name, required):
            return None
        value = self.data[name]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ID:
            self.errors[name] = _("Must be an id (a whole number).")
            return None
        return value

    def choice(self, name: str, choices, required: bool = False) -> str | None:
        """One of `choices`."""
        if self._missing(name, required):
            return None
        allowed = [str(choice) for choice in choices]
        if self.data[name] not in allowed:
            self.errors[name] = _("Must be one of: %(values)s.", values=", ".join(allowed))
            return None
        return self.data[name]

    def flag(self, name: str) -> bool:
        """true or false (false when absent)."""
        if self._missing(name, False):
            return False
        if not isinstance(self.data[name], bool):
            self.errors[name] = _("Must be true or false.")
            return False
        return self.data[name]

    def moment(self, name: str) -> datetime | None:
        """An ISO 8601 time (UTC when it has no offset) in the years 2000–2100."""
        if self._missing(name, False) or not isinstance(self.data[name], str):
            if self.data.get(name) is not None:
                self.errors[name] = _("Must be an ISO 8601 time.")
            return None
        try:
            moment = parse_time(self.data[name], name)
        except ApiError:
            self.errors[name] = _("Must be an ISO 8601 time.")
            return None
        return self._plausible(name, moment)

    def day(self, name: str) -> date | None:
        """An ISO 8601 date in the years 2000–2100."""
        if self._missing(name, False):
            return None
        try:
            day = date.fromisoformat(self.data[name])
        except (TypeError, ValueError):
            self.errors[name] = _("Must be an ISO 8601 date (YYYY-MM-DD).")
            return None
        return self._plausible(name, day)

    def _plausible(self, name: str, value):
        if not plausible_year(value):
            self.errors[name] = str(IMPLAUSIBLE_YEAR)
            return None
        return value

    def check(self) -> None:
        """422 with every wrong field named, if any was."""
        if self.errors:
            raise ApiError(
                422, _("Some fields are wrong."), "validation_failed", fields=dict(self.errors)
            )
