"""The issue's example, end to end: a profile written in plain Danish ranks where a person would
put it, and the volunteer sees what was read."""

from datetime import date

from sqlalchemy import select

from crm.demo.loader import load_demo_data
from crm.matches import pool_cache, refresh
from crm.models import Match, Project
from crm.volunteers import services
from crm.volunteers.services import ExperienceData
from crm.volunteers.views import after_profile_saved

TEXT = "Jeg har siddet i byrådet i 8 år og trænet kvindelige kandidater"


def test_the_example_ranks_among_the_first_for_candidate_training(
    app, db, client, auth, make_fitting_volunteer, make_need
):
    load_demo_data(volunteers=300, seed=3, today=date(2026, 12, 1))
    db.session.commit()
    pool_cache.forget_pool()
    refresh.rematch_all()
    db.session.commit()
    project = db.session.scalar(select(Project).where(Project.status == "active"))
    need = make_need(
        project=project,
        title="Træner for kvindelige kandidater",
        skills=(("candidate-training", 2, 5), ("local-democracy", 2, 2)),
        languages=(("en", "B2", True),),
        period_from=date(2027, 3, 1),
        period_to=date(2027, 5, 31),
        travel="short",
    )
    volunteer = make_fitting_volunteer("Birthe", last_name="Byråd", email="byraad@example.org")
    volunteer.skills = []  # free text only: what is read from it is all the engine gets
    with app.test_request_context():
        refresh.refresh_need(need)
        services.replace_experience(volunteer, [ExperienceData(None, None, None, None, TEXT)])
        after_profile_saved(volunteer)
        db.session.commit()
    ranked = list(
        db.session.scalars(
            select(Match.volunteer_id)
            .where(Match.need_id == need.id, Match.excluded.is_(False))
            .order_by(Match.score.desc(), Match.volunteer_id)
        )
    )
    assert volunteer.id in ranked[:3], ranked.index(volunteer.id) + 1  # of about 115

    auth.login("byraad@example.org")
    html = client.get("/me/").get_data(as_text=True)
    assert "Kandidattræning" in html and "8 år" in html  # read back in plain words
