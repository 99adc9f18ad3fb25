"""Activity reports in the person's rights: listed in the Art. 15 answer, and on erasure kept as
bare figures (dates, days, hours, type, participants, country, outcome area, status) for the
aggregate results, with the description blanked."""

from sqlalchemy import select, update

from crm.activities.models import ActivityReport
from crm.extensions import db
from crm.matches.models import Match
from crm.projects.models import Need, Project
from crm.results.models import OutcomeArea


def reports_of(volunteer_id: int, user_id: int | None) -> list[dict]:
    """Every activity report about the volunteer, oldest activity first (one query); `user_id`
    is their login, to tell their own reports from the consultant's for them."""
    rows = db.session.execute(
        select(ActivityReport, Need.title, Project.title, OutcomeArea)
        .join(Match, Match.id == ActivityReport.match_id)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == ActivityReport.project_id)
        .outerjoin(OutcomeArea, OutcomeArea.id == ActivityReport.outcome_area_id)
        .where(ActivityReport.volunteer_id == volunteer_id)
        .order_by(ActivityReport.started_on, ActivityReport.id)
    ).all()
    return [
        {
            "need": need,
            "project": project,
            "from": r.started_on,
            "to": r.ended_on,
            "days": r.days,
            "hours": r.hours,
            "country": r.country,
            "activity_type": r.activity_type,
            "participants": r.participants,
            "participants_women": r.participants_women,
            "participants_young": r.participants_young,
            "outcome_area": {"da": area.name_da, "en": area.name_en} if area else None,
            "description": r.description,
            "status": r.status,
            "submitted_at": r.created_at,
            "submitted_by_you": user_id is not None and r.submitted_by == user_id,
            "approved_at": r.approved_at,
        }
        for r, need, project, area in rows
    ]


def blank_for_erasure(volunteer_id: int) -> None:
    """Erasure: blank the descriptions of the volunteer's reports; the figures stay counted."""
    db.session.execute(
        update(ActivityReport)
        .where(ActivityReport.volunteer_id == volunteer_id)
        .values(description=""),
        execution_options={"synchronize_session": False},
    )
