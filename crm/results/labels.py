"""Translated labels of the results page and its exports: activity types, target measures, the
figures' names, and an outcome area's name in the reader's language."""

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from crm.activities.models import ActivityType
from crm.results.models import TargetMeasure

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

MEASURE_LABELS = {
    TargetMeasure.VOLUNTEERS_PLACED: _l("Volunteers placed"),
    TargetMeasure.ACTIVITIES: _l("Activities"),
    TargetMeasure.DAYS: _l("Days"),
    TargetMeasure.HOURS: _l("Hours"),
    TargetMeasure.PARTICIPANTS: _l("Participants reached"),
    TargetMeasure.PARTICIPANTS_WOMEN: _l("Women reached"),
    TargetMeasure.PARTICIPANTS_YOUNG: _l("Young people reached"),
    TargetMeasure.BRANCHES: _l("Branches involved"),
}

SERIES_LABELS = {
    "value": _l("Number"),
    "members": _l("Members placed"),
    "offers": _l("Offered help"),
    "reached": _l("Reached"),
    "remaining": _l("Still to reach"),
}
"""The series of the results page's charts (crm/results/charts.py)."""

NO_AREA_LABEL = _l("No outcome area given")
WHOLE_PROJECT_LABEL = _l("Whole project")


def activity_type_label(code: str) -> str:
    """An activity type in the user's language."""
    return str(ACTIVITY_TYPE_LABELS.get(code, code))


def measure_label(code: str) -> str:
    """A target measure in the user's language."""
    return str(MEASURE_LABELS.get(code, code))


def series_label(code: str) -> str:
    """A chart series of the results page in the user's language."""
    return str(SERIES_LABELS.get(code, code))


def area_name(name_da: str, name_en: str) -> str:
    """An outcome area's name in the user's language (the other when one is empty); "no
    outcome area given" for activities without one."""
    danish = str(get_locale()) == "da"
    name = (name_da or name_en) if danish else (name_en or name_da)
    return name or str(NO_AREA_LABEL)
