"""The volunteer's rights over their debriefs: in their Art. 15 answer, and erased with them.

Erasure blanks the free texts and the consent to share, and keeps the row with only "would go
again", so that counts of it stay the same (crm/rights/erasure.py calls erase_debriefs).
"""

from sqlalchemy import select, update

from crm.activities.models import Debrief
from crm.auth.models import STAFF_ROLES, User
from crm.extensions import db
from crm.matches.models import Match
from crm.projects.models import Need, Project


def export_debriefs(volunteer_id: int) -> list[dict]:
    """The volunteer's debriefs for their Art. 15 answer: need, project, the texts, the choice
    of sharing with the next volunteer, and whether they or a member of staff (named) wrote it."""
    rows = db.session.execute(
        select(Debrief, Need.title, Project.title, User.role, User.name, User.email)
        .join(Match, Match.id == Debrief.match_id)
        .join(Need, Need.id == Debrief.need_id)
        .join(Project, Project.id == Debrief.project_id)
        .outerjoin(User, User.id == Debrief.written_by)
        .where(Debrief.volunteer_id == volunteer_id)
        .order_by(Debrief.created_at, Debrief.id)
    ).all()
    return [
        {
            "need": need,
            "project": project,
            "what_worked": d.what_worked,
            "what_did_not": d.what_did_not,
            "advice": d.advice,
            "would_go_again": d.would_go_again,
            "shown_to_the_next_volunteer": d.share_with_next,
            # staff may be named; the person's own account is "you"
            "written_by": (name or email) if role in STAFF_ROLES else None,
            "created_at": d.created_at,
            "updated_at": d.updated_at,
        }
        for d, need, project, role, name, email in rows
    ]


def erase_debriefs(volunteer_id: int) -> None:
    """Blank the volunteer's debriefs but for "would go again" (kept for the counts)."""
    db.session.execute(
        update(Debrief)
        .where(Debrief.volunteer_id == volunteer_id)
        .values(
            what_worked="",
            what_did_not="",
            advice="",
            share_with_next=False,
            written_by=None,
            version=Debrief.version + 1,
        ),
        execution_options={"synchronize_session": False},
    )
