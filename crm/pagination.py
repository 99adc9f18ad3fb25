"""The page number a list was asked for, kept within sane bounds."""

from flask import request

from crm.converters import OutOfRange, read_int

MAX_PAGE = 100_000


def page_number(value: object) -> int:
    """A submitted page number as an int between 1 and MAX_PAGE.

    Anything unreadable is page 1; a number beyond the last page allowed is MAX_PAGE.
    """
    try:
        return read_int(value, 1, MAX_PAGE)
    except OutOfRange:
        return 1 if str(value).strip().startswith(("-", "0")) else MAX_PAGE
    except ValueError:
        return 1


def requested_page() -> int:
    """?page=N, as page_number() reads it."""
    return page_number(request.args.get("page"))
