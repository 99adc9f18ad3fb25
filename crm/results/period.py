"""The period a project's results are counted over, and the rule of which reports count in it."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import ColumnElement

from crm.activities.models import ActivityReport, ReportStatus
from crm.contacts.services import local_midnight_utc, local_today
from crm.projects.models import Project


@dataclass(frozen=True)
class Period:
    """The days counted, both included."""

    start: date
    end: date


def default_period(project: Project, today: date | None = None) -> Period:
    """The project's own period; where it has no start or end, this year's first or last day."""
    year = (today or local_today()).year
    start = project.start_date or date(year, 1, 1)
    end = project.end_date or date(year, 12, 31)
    return Period(start, end) if start <= end else Period(start, start)


FIRST_DAY = date.min + timedelta(days=1)
LAST_DAY = date.max - timedelta(days=1)
"""The days a period's bounds are held within: a day's local midnight in UTC, and the day
after the end, must still be dates (a URL may ask for 0001-01-01 or 9999-12-31)."""


def local_bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as aware UTC times: the start of its first local day, the end of its last."""
    start, end = max(period.start, FIRST_DAY), min(period.end, LAST_DAY)
    return local_midnight_utc(start), local_midnight_utc(end + timedelta(days=1))


def approved_in(project_id: int, period: Period) -> ColumnElement[bool]:
    """SQL: the project's approved reports that started within the period."""
    return (
        (ActivityReport.project_id == project_id)
        & (ActivityReport.status == ReportStatus.APPROVED)
        & ActivityReport.started_on.between(period.start, period.end)
    )
