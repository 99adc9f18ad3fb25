"""The page number a list was asked for, kept within sane bounds."""

from flask import request

MAX_PAGE = 100_000


def requested_page() -> int:
    """?page=N as an int between 1 and MAX_PAGE (anything else counts as page 1 or the last)."""
    page = request.args.get("page", 1, type=int)
    return min(max(page, 1), MAX_PAGE)
