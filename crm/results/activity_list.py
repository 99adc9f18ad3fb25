"""The approved activities of a project's period, one a line, without names."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from crm.activities.models import ActivityReport
from crm.extensions import db
from crm.results.period import Period, approved_in


@dataclass(frozen=True)
class ActivityLine:
    """One approved activity, without a name (volunteer_id is for the naming rule only)."""

    report_id: int
    volunteer_id: int
    started_on: date
    ended_on: date | None
    country: str
    activity_type: str
    area_id: int | None
    days: float | None
    hours: float | None
    participants: int | None
    participants_women: int | None
    participants_young: int | None


def activity_lines(project_id: int, period: Period) -> tuple[ActivityLine, ...]:
    """The approved activities of the period, oldest first."""
    r = ActivityReport
    rows = db.session.execute(
        select(
            r.id,
            r.volunteer_id,
            r.started_on,
            r.ended_on,
            r.country,
            r.activity_type,
            r.outcome_area_id,
            r.days,
            r.hours,
            r.participants,
            r.participants_women,
            r.participants_young,
        )
        .where(approved_in(project_id, period))
        .order_by(r.started_on, r.id)
    )
    return tuple(ActivityLine(*row) for row in rows)
