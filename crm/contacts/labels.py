"""Translated labels for contact-log channels and directions."""

from flask_babel import lazy_gettext as _l

CHANNEL_LABELS = {
    "phone": _l("Phone"),
    "email": _l("E-mail"),
    "meeting": _l("Meeting"),
    "sms": _l("SMS"),
    "other": _l("Other"),
}

DIRECTION_LABELS = {
    "out": _l("Outgoing (we contacted them)"),
    "in": _l("Incoming (they contacted us)"),
}

DIRECTION_SHORT = {"out": _l("outgoing"), "in": _l("incoming")}


def channel_label(code: str) -> str:
    """The channel in the user's language."""
    return str(CHANNEL_LABELS.get(code, code))


def direction_label(code: str) -> str:
    """The direction, short, in the user's language."""
    return str(DIRECTION_SHORT.get(code, code))
