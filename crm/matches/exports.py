"""A volunteer's own matches for their data export: needs, projects, states, their own scores."""

from datetime import datetime

from sqlalchemy import select

from crm.extensions import db
from crm.matches.models import Match, MatchTransition
from crm.projects.models import Need, Project


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def volunteer_match_summary(volunteer_id: int) -> list[dict]:
    """Every stored match of this volunteer, oldest first, as JSON-ready data.

    Holds only what is about them: the need and project titles, the state and its history
    (states and times), when they said "I am interested", and their own score. Never the notes
    or reasons a consultant wrote, who made a step, or anything about other volunteers.
    """
    rows = db.session.execute(
        select(Match, Need.title, Project.title)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.volunteer_id == volunteer_id)
        .order_by(Match.created_at, Match.id)
    ).all()
    history: dict[int, list[dict]] = {}
    if rows:
        steps = db.session.execute(
            select(
                MatchTransition.match_id,
                MatchTransition.from_state,
                MatchTransition.to_state,
                MatchTransition.at,
            )
            .where(MatchTransition.match_id.in_([m.id for m, _n, _p in rows]))
            .order_by(MatchTransition.at, MatchTransition.id)
        )
        for match_id, from_state, to_state, at in steps:
            history.setdefault(match_id, []).append(
                {"from": from_state, "to": to_state, "at": _at(at)}
            )
    return [
        {
            "need": need_title,
            "project": project_title,
            "state": match.state,
            "interested_at": _at(match.interested_at),
            "your_score": round(match.score, 1),
            "excluded_by_a_requirement": match.excluded,
            "created_at": _at(match.created_at),
            "history": history.get(match.id, []),
        }
        for match, need_title, project_title in rows
    ]
