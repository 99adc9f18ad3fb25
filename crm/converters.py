"""Whole numbers read from requests, kept within what the database's INTEGER columns hold.

Every integer taken from a URL, a query parameter or a form goes through read_int (directly,
through id_or_none, or through the URL converter and the form field built on it), so a huge
number, '²' (a digit to str.isdigit, not to int) or '1_000' is refused in one place and never
reaches PostgreSQL as an out-of-range value.
"""

import re

from werkzeug.routing import IntegerConverter

MIN_INT = -(2**31)
MAX_INT = 2**31 - 1
MAX_ID = MAX_INT
"""Ids and every other integer column are PostgreSQL INTEGER: 32-bit signed."""

_WHOLE_NUMBER = re.compile(r"[+-]?0*([0-9]+)")
"""ASCII digits only, with an optional sign (leading zeros do not count as digits)."""
_MAX_DIGITS = 12
"""More digits than this is out of any range we use, decided without calling int() on it."""


class OutOfRange(ValueError):
    """A whole number, but outside the range asked for."""


def read_int(value: object, low: int = MIN_INT, high: int = MAX_INT) -> int:
    """The value as an int between low and high; ValueError for anything else.

    Surrounding spaces are allowed; other digits than 0-9, underscores and a sign alone are not.
    A whole number outside [low, high] raises OutOfRange, a ValueError of its own.
    """
    text = str(value).strip() if value is not None else ""
    found = _WHOLE_NUMBER.fullmatch(text)
    if found is None:
        raise ValueError("not a whole number")
    if len(found.group(1)) > _MAX_DIGITS:
        raise OutOfRange("too many digits")
    number = int(text)
    if not low <= number <= high:
        raise OutOfRange("out of range")
    return number


def id_or_none(value: object) -> int | None:
    """A positive database id, or None when the value is empty or not one.

    Fits request.args.get(name, type=id_or_none) as well as plain calls.
    """
    try:
        return read_int(value, 1, MAX_ID)
    except ValueError:
        return None


class BoundedIntConverter(IntegerConverter):
    """Like <int:...>, but a number beyond a 32-bit id does not match (404 instead of 500)."""

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)
