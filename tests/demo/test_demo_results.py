"""Demo data for results reporting: outcome areas, budget lines and targets, activity reports of
the placements (the demo volunteer's among them), reason codes on every no."""

from datetime import date

import pytest
from sqlalchemy import func, select

from crm.activities.models import ActivityReport
from crm.demo.accounts import VOLUNTEER_EMAIL
from crm.demo.clock import local_moment
from crm.demo.loader import load_demo_data, load_demo_pipeline
from crm.duplicates.models import DuplicatePair
from crm.matches.models import ExitReason, Match, MatchTransition
from crm.matches.pipeline import PLACED_STATES, REASON_REQUIRED
from crm.matches.refresh import rematch_all
from crm.models import Need, Project, Volunteer
from crm.results.models import OutcomeArea, ProjectTarget

TODAY = date(2026, 11, 28)


def load(db, seed: int = 11, volunteers: int = 300) -> None:
    load_demo_data(volunteers=volunteers, seed=seed, today=TODAY)
    db.session.commit()
    rematch_all()
    load_demo_pipeline(seed=seed, today=TODAY)
    db.session.commit()


@pytest.fixture()
def demo(db, app):
    load(db)
    return db


def test_outcome_areas_budget_lines_and_targets(demo):
    names = demo.session.execute(
        select(OutcomeArea.name_da, OutcomeArea.name_en).order_by(OutcomeArea.position)
    ).all()
    assert names == [
        (
            "Kvinders og unges politiske lederskab",
            "Women's and young people's political leadership",
        ),
        ("Velfungerende partier", "Capable parties"),
        ("Flerpartidialog", "Multiparty dialogue"),
    ]
    for project in demo.session.scalars(select(Project)):
        assert project.budget_line
        targets = demo.session.scalars(
            select(ProjectTarget).where(ProjectTarget.project_id == project.id)
        ).all()
        assert bool(targets) == (project.funder == "DIPD")
        assert all(t.value > 0 for t in targets)
        assert any(t.outcome_area_id is not None for t in targets) == (project.funder == "DIPD")


def test_activity_reports_belong_to_placements_and_lie_before_today(demo):
    midnight = local_moment(TODAY, 0)
    rows = demo.session.execute(
        select(ActivityReport, Match, Need)
        .join(Match, Match.id == ActivityReport.match_id)
        .join(Need, Need.id == Match.need_id)
    ).all()
    statuses = {r.status for r, _m, _n in rows}
    assert statuses == {"approved", "submitted"}
    for report, match, need in rows:
        assert match.state in PLACED_STATES and report.volunteer_id == match.volunteer_id
        assert report.project_id == need.project_id and report.outcome_area_id is not None
        assert report.started_on <= (report.ended_on or report.started_on) < TODAY
        assert report.days or report.hours
        assert report.created_at < midnight and report.submitted_by is not None
        if report.participants is not None:
            assert report.participants_women <= report.participants
        if report.status == "approved":
            assert report.created_at <= report.approved_at < midnight and report.approved_by
        else:
            assert report.approved_at is None and report.approved_by is None
    completed = demo.session.scalars(select(Match.id).where(Match.state == "completed")).all()
    reported = {r.match_id for r, _m, _n in rows}
    assert set(completed) <= reported  # every completed placement reported its activities


def test_the_demo_volunteer_is_placed_with_an_approved_and_a_submitted_report(demo):
    frida = demo.session.scalar(select(Volunteer).where(Volunteer.email == VOLUNTEER_EMAIL))
    placements = demo.session.scalars(
        select(Match).where(Match.volunteer_id == frida.id, Match.state.in_(PLACED_STATES))
    ).all()
    assert placements
    statuses = demo.session.scalars(
        select(ActivityReport.status).where(ActivityReport.volunteer_id == frida.id)
    ).all()
    assert sorted(statuses) == ["approved", "submitted"]


def test_every_no_has_a_reason_code(demo):
    codes = demo.session.execute(
        select(MatchTransition.reason_code, func.count())
        .where(MatchTransition.to_state.in_([str(s) for s in REASON_REQUIRED]))
        .group_by(MatchTransition.reason_code)
    ).all()
    assert codes and all(code in set(ExitReason) for code, _n in codes)
    assert len(codes) >= 3


def reports_story(db) -> list[tuple]:
    return db.session.execute(
        select(
            Volunteer.email,
            ActivityReport.started_on,
            ActivityReport.activity_type,
            ActivityReport.status,
            ActivityReport.participants,
        )
        .join(Volunteer, Volunteer.id == ActivityReport.volunteer_id)
        .order_by(Volunteer.email, ActivityReport.started_on, ActivityReport.activity_type)
    ).all()


def test_the_reports_are_the_same_for_the_same_seed(db, app):
    load(db, seed=5, volunteers=200)
    first = reports_story(db)
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    load(db, seed=5, volunteers=200)
    assert first and reports_story(db) == first


def test_the_demo_has_two_people_registered_twice_in_the_duplicates_queue(runner, db):
    assert runner.invoke(args=["demo-data", "--volunteers", "60", "--seed", "7"]).exit_code == 0
    pairs = db.session.scalars(select(DuplicatePair).order_by(DuplicatePair.id)).all()
    assert len(pairs) >= 2 and all(p.status == "open" for p in pairs)
    for pair in pairs[:2]:
        first, second = (db.session.get(Volunteer, i) for i in (pair.first_id, pair.second_id))
        assert first.phone_key == second.phone_key and first.first_name == second.first_name
        assert first.email != second.email
