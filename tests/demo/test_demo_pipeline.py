"""Demo data puts matches along the pipeline, with histories that tell a consistent story."""

from datetime import date

from sqlalchemy import func, select

from crm.consultant.dashboard import pipeline_by_project, placements_since, quarter_start
from crm.contacts.models import ContactLogEntry
from crm.contacts.services import local_midnight_utc
from crm.demo.accounts import CONSULTANT_EMAIL
from crm.demo.clock import local_date, local_moment
from crm.demo.loader import load_demo_data, load_demo_pipeline
from crm.matches import offers
from crm.matches.models import Match, MatchTransition
from crm.matches.pipeline import FORWARD, REASON_REQUIRED, can_transition
from crm.matches.refresh import rematch_all
from crm.models import InterestSignal, User, Volunteer
from crm.projects.models import Need, NeedStatus, Project

TODAY = date(2026, 11, 28)


def load(db, seed: int = 11, volunteers: int = 400) -> int:
    load_demo_data(volunteers=volunteers, seed=seed, today=TODAY)
    db.session.commit()
    rematch_all()
    moved = load_demo_pipeline(seed=seed, today=TODAY)
    db.session.commit()
    return moved


def states(db) -> dict[str, int]:
    return dict(db.session.execute(select(Match.state, func.count()).group_by(Match.state)).all())


def test_every_forward_state_and_both_kinds_of_no_are_there(db, app):
    moved = load(db)
    found = states(db)
    assert moved > 50
    for state in FORWARD:
        assert found.get(state, 0) > 0, state
    for state in ("declined", "not_suitable", "withdrawn"):
        assert found.get(state, 0) > 0, state
    assert found["suggested"] > found["shortlisted"] > found["placed"]  # a realistic funnel


def test_each_history_runs_from_suggested_step_by_step_before_today(db, app):
    load(db)
    consultant = db.session.scalar(select(User.id).where(User.email == CONSULTANT_EMAIL))
    midnight = local_moment(TODAY, 0)
    moved = db.session.scalars(
        select(Match).where(Match.state != "suggested", Match.volunteer_id.is_not(None))
    ).all()
    for match in moved:
        steps = db.session.scalars(
            select(MatchTransition)
            .where(MatchTransition.match_id == match.id)
            .order_by(MatchTransition.at, MatchTransition.id)
        ).all()
        assert steps[0].from_state == "suggested" and steps[-1].to_state == match.state
        signed_up = db.session.get(Volunteer, match.volunteer_id).created_at
        times = [s.at for s in steps]
        assert times == sorted(times) and signed_up < match.created_at <= times[0]
        assert times[-1] < midnight and match.updated_at < midnight
        for before, after in zip(steps, steps[1:], strict=False):
            assert before.to_state == after.from_state
        account = db.session.get(Volunteer, match.volunteer_id).user_id
        said_yes = match.interested_at is not None
        for step in steps:
            assert can_transition(step.from_state, step.to_state)
            by_volunteer = said_yes and step.to_state == "interested"
            assert step.user_id == (account if by_volunteer else consultant)
            assert bool(step.reason) == (step.to_state in REASON_REQUIRED)
            assert bool(step.reason_code) == (step.to_state in REASON_REQUIRED)
        if said_yes:  # they said so on their own page that morning: their act, their signal
            into = next(s for s in steps if s.to_state == "interested")
            assert match.interested_at < into.at
            assert local_date(match.interested_at) == local_date(into.at)
            signal = db.session.scalar(
                select(InterestSignal).where(InterestSignal.match_id == match.id)
            )
            assert (signal.kind, signal.user_id, signal.at) == (
                "asked",
                account,
                match.interested_at,
            )
    clicked = [m for m in moved if m.interested_at is not None]
    reached = [m for m in moved if m.state in ("interested", "placed", "completed")]
    assert 0 < len(clicked) < len(reached)  # some said so themselves, the others on the phone


def test_placements_fall_in_this_quarter_and_completions_after_the_period(db, app):
    load(db)
    count, rows = placements_since(local_midnight_utc(quarter_start(TODAY)))
    assert count > 0 and rows
    completed = db.session.execute(
        select(Need.period_to, MatchTransition.at)
        .join(Match, Match.need_id == Need.id)
        .join(MatchTransition, MatchTransition.match_id == Match.id)
        .where(MatchTransition.to_state == "completed")
    ).all()
    assert completed and all(at.date() > period_to for period_to, at in completed)
    placed_on = db.session.execute(
        select(Project.status, Need.status)
        .join(Need, Need.project_id == Project.id)
        .join(Match, Match.need_id == Need.id)
        .where(Match.state == "placed")
    ).all()
    assert {p for p, _n in placed_on} == {"active"}
    assert {n for _p, n in placed_on} <= {NeedStatus.OPEN, NeedStatus.FILLED}


def test_the_dashboard_chart_has_bars(db, app):
    load(db)
    bars = pipeline_by_project()
    assert len(bars) >= 3 and all(bar.total > 0 for bar in bars)


def test_contacting_is_logged_as_a_call_about_the_match(db, app):
    load(db)
    contacted = db.session.scalar(
        select(func.count()).where(MatchTransition.to_state == "contacted")
    )
    calls = db.session.scalar(select(func.count()).where(ContactLogEntry.match_id.is_not(None)))
    assert contacted == calls > 0


def test_nobody_is_worked_on_for_two_needs_and_seats_are_respected(db, app):
    load(db)
    rows = db.session.execute(
        select(Match.volunteer_id, func.count())
        .where(Match.state != "suggested")
        .group_by(Match.volunteer_id)
    ).all()
    assert all(n == 1 for _v, n in rows)
    for need in db.session.scalars(select(Need)):
        placed = db.session.scalar(
            select(func.count()).where(Match.need_id == need.id, Match.state == "placed")
        )
        if need.status == NeedStatus.OPEN:
            assert placed < need.seats
        else:
            assert placed <= need.seats


def story(db) -> list[tuple]:
    """Who is where on which need, and each step, by names and times (ids differ per run)."""
    return db.session.execute(
        select(
            Need.title,
            Volunteer.email,
            MatchTransition.to_state,
            MatchTransition.at,
            MatchTransition.reason,
        )
        .join(Match, Match.need_id == Need.id)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .join(MatchTransition, MatchTransition.match_id == Match.id)
        .order_by(MatchTransition.at, Need.title, Volunteer.email)
    ).all()


def test_the_pipeline_is_the_same_for_the_same_seed(db, app):
    load(db, seed=5, volunteers=200)
    first = story(db)
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    load(db, seed=5, volunteers=200)
    assert first and story(db) == first


def test_branches_have_offered_help_one_taken_on_and_some_new(db, app):
    load(db)
    with app.test_request_context():
        count, new = offers.new_offers()
        contact = db.session.scalar(select(User).where(User.email == "afdeling@example.org"))
        own = offers.offers_of_branch(contact.branch_id)
    assert count >= 1 and all(m.branch_id != contact.branch_id for m, _b, _n in new)
    assert [m.state for m, _need in own] == ["contacted"]
    steps = db.session.scalars(
        select(MatchTransition).where(MatchTransition.match_id == own[0][0].id)
    ).all()
    assert [s.to_state for s in sorted(steps, key=lambda s: s.at)] == ["shortlisted", "contacted"]
    assert own[0][0].offered_at < min(s.at for s in steps) < local_moment(TODAY, 0)
