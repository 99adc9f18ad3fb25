"""The results figures against the hand-computed fixture (tests/results/conftest.py)."""

from datetime import date

from crm.matches.models import Match
from crm.results import figures
from crm.results.figures import Totals
from crm.results.period import Period, default_period
from tests.results.conftest import PERIOD


def results(world):
    return figures.project_results(world.project.id, Period(*PERIOD))


def test_volunteers_engaged_and_placed(world):
    r = results(world)
    assert (r.engaged, r.placed) == (3, 2)


def test_totals_count_only_approved_reports_started_in_the_period(world):
    assert results(world).totals == Totals(
        activities=4,
        days=5.0,
        hours=12.0,
        participants=45,
        participants_women=18,
        participants_young=13,
        volunteers=2,
    )


def test_activities_by_type(world):
    rows = [(f.activity_type, f.activities, f.participants) for f in results(world).by_type]
    assert rows == [("training", 2, 30), ("mentoring", 1, 0), ("workshop", 1, 15)]


def test_activities_by_outcome_area_in_the_areas_order_and_none_last(world):
    a1, a2 = world.areas
    rows = [(a.area_id, a.totals, a.branches) for a in results(world).by_area]
    assert rows == [
        (a1.id, Totals(2, 5.0, 4.0, 30, 18, 8, 2), 2),
        (a2.id, Totals(1, 0.0, 6.0, 15, 0, 5, 1), 1),
        (None, Totals(1, 0.0, 2.0, 0, 0, 0, 1), 1),
    ]


def test_branches_of_placed_volunteers_and_of_offers_in_the_period(world):
    rows = [(b.name, b.members_placed, b.offered) for b in results(world).branches]
    assert rows == [("Aarhus", 1, False), ("Odense", 1, False), ("Vejle", 0, True)]


def test_progress_against_each_target(world):
    rows = [(t.measure, t.actual, t.target, t.percent) for t in results(world).targets]
    assert rows == [
        ("volunteers_placed", 2, 4, 50),
        ("branches", 3, 2, 150),
        ("participants_women", 18, 20, 90),
        ("hours", 6.0, 10, 60),
    ]


def test_the_activity_list_in_date_order(world):
    ids = [line.report_id for line in results(world).activities]
    assert ids == [world.reports[k].id for k in ("r1", "r2", "r3", "r6")]


def test_a_period_narrows_every_figure(world):
    r = figures.project_results(world.project.id, Period(date(2027, 3, 1), date(2027, 3, 31)))
    # v1 placed on 1 March with r1 on 10 March; v2's placement has no activity in March.
    assert (r.engaged, r.placed, r.totals.activities, r.totals.days) == (1, 1, 1, 3.0)
    assert [b.name for b in r.branches] == ["Aarhus"]


def test_default_period_is_the_projects_or_this_year(world):
    assert default_period(world.project) == Period(*PERIOD)
    world.project.start_date = world.project.end_date = None
    assert default_period(world.project, date(2026, 5, 5)) == Period(
        date(2026, 1, 1), date(2026, 12, 31)
    )


def _queries(db, world) -> int:
    from sqlalchemy import event

    statements = []

    def count(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        results(world)
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


def test_the_number_of_queries_does_not_grow_with_the_reports(db, world):
    from tests.results.conftest import _report

    few = _queries(db, world)
    match = db.session.get(Match, world.reports["r1"].match_id)
    for day in range(1, 21):
        _report(match, world.areas[1], project_id=world.project.id, started_on=date(2027, 9, day))
    db.session.expire_all()
    assert _queries(db, world) == few
    assert results(world).totals.activities == 24
