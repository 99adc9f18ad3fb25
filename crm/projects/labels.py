"""Translated labels for project and need statuses, and country lists."""

from flask_babel import lazy_gettext as _l

from crm.names import country_name

PROJECT_STATUS_LABELS = {
    "planning": _l("Planning"),
    "active": _l("Active"),
    "closed": _l("Closed"),
}

NEED_STATUS_LABELS = {
    "open": _l("Open"),
    "filled": _l("Filled"),
    "closed": _l("Closed"),
}


def project_status_label(code: str) -> str:
    """The project status in the user's language."""
    return str(PROJECT_STATUS_LABELS.get(code, code))


def need_status_label(code: str) -> str:
    """The need status in the user's language."""
    return str(NEED_STATUS_LABELS.get(code, code))


def country_list(rows) -> str:
    """Country codes, or rows with a `code`, as sorted names in the user's language."""
    return ", ".join(sorted(country_name(getattr(row, "code", row)) for row in rows))
