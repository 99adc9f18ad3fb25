"""The request-wide guard: no control characters in the URL or any field, no over-long URLs.

It runs before every view (registered in create_app), so a NUL byte in a profile name, a
search box or a path such as /contacts/calendar/%00.ics is refused the same way everywhere,
including the values views read straight from request.args or request.form.
"""

import re

from flask import request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import BadRequest, RequestURITooLarge

from crm.control_characters import has_control_characters

FIELD_NAME = re.compile(r"[A-Za-z0-9_-]{1,100}")
"""What every field name in our forms looks like. A row field's name carries its index
("entries-0-area"), which WTForms reads with str.isdigit() and int(): 'entries-²-area'
would pass the one and break the other."""

MAX_URL_LENGTH = 4096
"""Path and query string together, the query as sent (percent-encoded): about gunicorn's
default limit for the request line, so that the app answers a long URL the way production
would, and no redirect that carries the URL (the login page's next=) grows a huge header."""


class ControlCharacters(BadRequest):
    """A 400 whose page tells the user what was wrong with what they sent."""

    user_message = _l(
        "What you sent contained invisible control characters, which cannot be saved. "
        "They often come along when text is copied from another program: remove them "
        "and try again."
    )


def _request_texts():
    """Every piece of text the request carries: path, parameter names and values, form fields."""
    yield request.path
    for source in (request.args, request.form):
        for name, values in source.lists():
            yield name
            yield from values


def refuse_hostile_input() -> None:
    """Abort with 414 for an over-long URL, 400 for a control character anywhere in the input
    or a form field name no form of ours has."""
    if len(request.path) + len(request.query_string) > MAX_URL_LENGTH:
        raise RequestURITooLarge()
    if any(has_control_characters(text) for text in _request_texts()):
        raise ControlCharacters()
    if not all(FIELD_NAME.fullmatch(name) for name in request.form):
        raise BadRequest()
