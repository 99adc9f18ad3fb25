"""The consultant area's blueprint and the label helpers its templates share."""

from flask import Blueprint

from crm.contacts.labels import channel_label, direction_label
from crm.labels import language_level_label, skill_label, travel_label
from crm.matches.labels import state_label
from crm.matches.queries import tab_of
from crm.volunteers.services import consent_status

bp = Blueprint("consultant", __name__, url_prefix="/consultant")


@bp.context_processor
def labels() -> dict:
    """Label helpers for this area's templates."""
    return {
        "state_label": state_label,
        "channel_label": channel_label,
        "direction_label": direction_label,
        "skill_label": skill_label,
        "travel_label": travel_label,
        "language_level_label": language_level_label,
        "consent_status": consent_status,
        "tab_of": tab_of,
    }
