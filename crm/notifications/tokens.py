"""Signed unsubscribe links: which volunteer, and which kind of e-mail the link stops."""

import enum

from flask import current_app
from itsdangerous import BadData, URLSafeSerializer

from crm.extensions import db
from crm.volunteers.models import Volunteer

SALT = "unsubscribe"


class MailKind(enum.StrEnum):
    """The two kinds of notification, each stopped on its own by the link it came with."""

    STATUS = "status"
    """About the volunteer's own tasks: interest received, shortlisted, placed, closed."""
    NEEDS = "needs"
    """New open needs that fit: at once or in the weekly digest."""


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_unsubscribe_token(volunteer: Volunteer, kind: MailKind) -> str:
    """A token naming the volunteer and the kind of e-mail; it does not expire (an unsubscribe
    link in an old e-mail must still work, and all it can do is stop e-mail)."""
    return _serializer().dumps([volunteer.id, str(kind)])


def read_unsubscribe_token(token: str) -> tuple[Volunteer, MailKind] | None:
    """The volunteer and the kind a genuine token names; None when forged, unreadable or gone."""
    try:
        payload = _serializer().loads(token)
    except (BadData, ValueError, TypeError):
        return None
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        return None
    volunteer_id, kind = payload
    if kind not in set(MailKind):
        return None
    volunteer = db.session.get(Volunteer, volunteer_id)
    return (volunteer, MailKind(kind)) if volunteer is not None else None
