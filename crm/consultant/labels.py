"""Translated labels of the match pipeline's states, in pipeline order."""

from flask_babel import lazy_gettext as _l

STATE_LABELS = {
    "suggested": _l("Suggested"),
    "shortlisted": _l("Shortlisted"),
    "contacted": _l("Contacted"),
    "interested": _l("Interested"),
    "placed": _l("Placed"),
    "completed": _l("Completed"),
    "declined": _l("Declined"),
    "not_suitable": _l("Not suitable"),
    "withdrawn": _l("Withdrawn"),
}


def state_label(code: str) -> str:
    """A pipeline state in the user's language."""
    return str(STATE_LABELS.get(code, code))
