"""The page number a list was asked for, kept within sane bounds."""

from flask import request

MAX_PAGE = 100_000


def page_number(value: object) -> int:
    """A submitted page number as an int between 1 and MAX_PAGE; anything unreadable is 1."""
    try:
        page = int(value or 1)
    except (TypeError, ValueError):
        return 1
    return min(max(page, 1), MAX_PAGE)


def requested_page() -> int:
    """?page=N, as page_number() reads it."""
    return page_number(request.args.get("page"))
