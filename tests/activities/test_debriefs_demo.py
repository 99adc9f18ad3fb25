"""The demo data's debriefs: written after completion and before today, and in the library."""

from datetime import date

from sqlalchemy import func, select

from crm.activities.models import Debrief
from crm.auth.models import Role
from crm.demo.clock import local_moment
from crm.demo.loader import load_demo_data, load_demo_pipeline
from crm.matches.models import Match, MatchTransition
from crm.matches.refresh import rematch_all

TODAY = date(2026, 11, 28)


def test_completed_demo_placements_have_debriefs_in_the_library(client, auth, db, make_user):
    load_demo_data(volunteers=300, seed=5, today=TODAY)
    db.session.commit()
    rematch_all()
    load_demo_pipeline(seed=5, today=TODAY)
    db.session.commit()
    completed = db.session.scalar(select(func.count()).where(Match.state == "completed"))
    debriefs = db.session.scalars(select(Debrief)).all()
    assert 0 < len(debriefs) <= completed
    for debrief in debriefs:
        done = db.session.scalar(
            select(func.max(MatchTransition.at)).where(
                MatchTransition.match_id == debrief.match_id,
                MatchTransition.to_state == "completed",
            )
        )
        assert done < debrief.created_at < local_moment(TODAY, 0)
    auth.login(make_user(Role.CONSULTANT).email)
    page = client.get("/consultant/lessons").get_data(as_text=True)
    found = "1 evaluering fundet" if len(debriefs) == 1 else f"{len(debriefs)} evalueringer fundet"
    assert found in page
