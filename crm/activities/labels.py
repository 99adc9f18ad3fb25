"""Translated labels of activity reports: the activity types and the report's status."""

from flask_babel import lazy_gettext as _l

from crm.activities.models import ActivityType, ReportStatus
from crm.extensions import db
from crm.results.labels import area_name
from crm.results.models import OutcomeArea

ACTIVITY_TYPE_LABELS = {
    ActivityType.TRAINING: _l("Training"),
    ActivityType.WORKSHOP: _l("Workshop"),
    ActivityType.STUDY_TRIP: _l("Study trip"),
    ActivityType.MENTORING: _l("Mentoring"),
    ActivityType.ONLINE_ADVICE: _l("Online advice"),
    ActivityType.POLICY_PAPER: _l("Policy paper"),
    ActivityType.ELECTION_OBSERVATION: _l("Election observation"),
    ActivityType.OTHER: _l("Other"),
}
"""Every activity type, in the order the form offers them."""

REPORT_STATUS_LABELS = {
    ReportStatus.SUBMITTED: _l("Waiting for approval"),
    ReportStatus.APPROVED: _l("Approved"),
}


def activity_type_label(code: str) -> str:
    """An activity type in the reader's language (the code itself when unknown)."""
    return str(ACTIVITY_TYPE_LABELS.get(code, code))


def report_status_label(code: str) -> str:
    """A report's status in the reader's language."""
    return str(REPORT_STATUS_LABELS.get(code, code))


def outcome_area_name(area_id: int | None) -> str:
    """An outcome area's name in the reader's language ("" for none)."""
    area = db.session.get(OutcomeArea, area_id) if area_id is not None else None
    return area_name(area.name_da, area.name_en) if area is not None else ""
