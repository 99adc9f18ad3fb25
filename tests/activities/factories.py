"""Helpers that put activity reports straight into the database."""

from datetime import date

from crm.activities.models import ActivityReport, ReportStatus
from crm.extensions import db
from crm.models import Match, Need


def add_report(placement: Match, status: str = ReportStatus.SUBMITTED, **fields) -> ActivityReport:
    """A report on `placement` (a placed or completed match): a two-day training by default."""
    fields.setdefault("started_on", date(2027, 3, 10))
    fields.setdefault("ended_on", date(2027, 3, 11))
    fields.setdefault("days", 2.0)
    fields.setdefault("country", "KE")
    fields.setdefault("activity_type", "training")
    fields.setdefault("participants", 20)
    fields.setdefault("description", "Træning af lokalpolitikere i Nakuru.")
    report = ActivityReport(
        match_id=placement.id,
        volunteer_id=placement.volunteer_id,
        project_id=db.session.get(Need, placement.need_id).project_id,
        status=status,
        **fields,
    )
    db.session.add(report)
    db.session.commit()
    return report
