"""A project's results for a period: every figure of the results page and its exports.

Each figure is one grouped query (docs/results.md defines them): only approved activity
reports count, by the day they started; placements and moves are read from the matches and
their pipeline history. The answer is frozen dataclasses, with no names in them: the activity
list carries volunteer ids only, for crm/results/naming.py to name the consenting few.
"""

from dataclasses import dataclass

from sqlalchemy import CompoundSelect, Select, distinct, func, select, union

from crm.activities.models import ActivityReport
from crm.branches.models import Branch
from crm.extensions import db
from crm.matches.models import Match, MatchState, MatchTransition
from crm.matches.pipeline import PLACED_STATES
from crm.projects.models import Need
from crm.results.activity_list import ActivityLine, activity_lines
from crm.results.models import OutcomeArea, ProjectTarget, TargetMeasure
from crm.results.period import Period, approved_in, local_bounds
from crm.volunteers.models import Volunteer

ENGAGED_STATES: tuple[MatchState, ...] = (
    MatchState.SHORTLISTED,
    MatchState.CONTACTED,
    MatchState.INTERESTED,
    MatchState.PLACED,
    MatchState.COMPLETED,
)
"""A match "reached at least shortlisted" when it moved into one of these states."""


@dataclass(frozen=True)
class Totals:
    """The approved activities' sums (women and young people where the report says)."""

    activities: int = 0
    days: float = 0.0
    hours: float = 0.0
    participants: int = 0
    participants_women: int = 0
    participants_young: int = 0
    volunteers: int = 0
    """Distinct volunteers with an approved activity."""


@dataclass(frozen=True)
class TypeFigure:
    """Approved activities of one type."""

    activity_type: str
    activities: int
    participants: int


@dataclass(frozen=True)
class AreaFigure:
    """Approved activities towards one outcome area (area_id None: no area given)."""

    area_id: int | None
    name_da: str
    name_en: str
    totals: Totals
    branches: int


@dataclass(frozen=True)
class BranchFigure:
    """A branch involved: members placed in the period, and whether it offered help."""

    branch_id: int
    name: str
    members_placed: int
    offered: bool


@dataclass(frozen=True)
class TargetProgress:
    """A target and the figure it is measured by, for the period."""

    target_id: int
    measure: str
    area_id: int | None
    area_name_da: str
    area_name_en: str
    target: int
    actual: float

    @property
    def percent(self) -> int:
        """The share reached, in whole percent (0 for a target of 0)."""
        return round(100 * self.actual / self.target) if self.target else 0


@dataclass(frozen=True)
class ProjectResults:
    """Every figure of a project's results page for a period."""

    project_id: int
    period: Period
    engaged: int
    placed: int
    totals: Totals
    by_type: tuple[TypeFigure, ...]
    by_area: tuple[AreaFigure, ...]
    branches: tuple[BranchFigure, ...]
    targets: tuple[TargetProgress, ...]
    activities: tuple[ActivityLine, ...]


def _moved_in_period(project_id: int, period: Period, states) -> Select:
    """Volunteer ids of the project's matches moved into one of `states` within the period."""
    start, end = local_bounds(period)
    return (
        select(Match.volunteer_id)
        .join(MatchTransition, MatchTransition.match_id == Match.id)
        .join(Need, Need.id == Match.need_id)
        .where(
            Need.project_id == project_id,
            Match.volunteer_id.is_not(None),
            MatchTransition.to_state.in_([str(s) for s in states]),
            MatchTransition.at >= start,
            MatchTransition.at < end,
        )
    )


def _placed_parts(project_id: int, period: Period) -> tuple[Select, Select]:
    placed = [str(s) for s in PLACED_STATES]
    moved = _moved_in_period(project_id, period, PLACED_STATES).where(Match.state.in_(placed))
    reported = (
        select(ActivityReport.volunteer_id)
        .join(Match, Match.id == ActivityReport.match_id)
        .where(approved_in(project_id, period), Match.state.in_(placed))
    )
    return moved, reported


def placed_query(project_id: int, period: Period) -> CompoundSelect:
    """Volunteer ids placed in the period: a placement (a match now placed or completed) that
    moved to placed or completed within the period, or has an approved activity in it."""
    return union(*_placed_parts(project_id, period))


def engaged_query(project_id: int, period: Period) -> CompoundSelect:
    """Volunteer ids engaged in the period: moved to shortlisted or further within it, or placed."""
    return union(
        _moved_in_period(project_id, period, ENGAGED_STATES), *_placed_parts(project_id, period)
    )


def _count(query) -> int:
    return db.session.scalar(select(func.count()).select_from(query.subquery())) or 0


def _totals_columns() -> tuple:
    return (
        func.count(ActivityReport.id),
        func.coalesce(func.sum(ActivityReport.days), 0),
        func.coalesce(func.sum(ActivityReport.hours), 0),
        func.coalesce(func.sum(ActivityReport.participants), 0),
        func.coalesce(func.sum(ActivityReport.participants_women), 0),
        func.coalesce(func.sum(ActivityReport.participants_young), 0),
        func.count(distinct(ActivityReport.volunteer_id)),
    )


def _totals(row) -> Totals:
    count, days, hours, people, women, young, volunteers = row
    return Totals(
        int(count), float(days), float(hours), int(people), int(women), int(young), int(volunteers)
    )


def totals(project_id: int, period: Period) -> Totals:
    """The approved activities' counts and sums."""
    return _totals(
        db.session.execute(select(*_totals_columns()).where(approved_in(project_id, period))).one()
    )


def by_type(project_id: int, period: Period) -> tuple[TypeFigure, ...]:
    """Approved activities and their participants per activity type, most activities first."""
    rows = db.session.execute(
        select(
            ActivityReport.activity_type,
            func.count(ActivityReport.id),
            func.coalesce(func.sum(ActivityReport.participants), 0),
        )
        .where(approved_in(project_id, period))
        .group_by(ActivityReport.activity_type)
        .order_by(func.count(ActivityReport.id).desc(), ActivityReport.activity_type)
    )
    return tuple(TypeFigure(kind, int(n), int(people)) for kind, n, people in rows)


def by_area(project_id: int, period: Period) -> tuple[AreaFigure, ...]:
    """Approved activities per outcome area, in the areas' order; "no area" last."""
    approved = approved_in(project_id, period)
    sums = dict(
        (area_id, _totals(rest))
        for area_id, *rest in db.session.execute(
            select(ActivityReport.outcome_area_id, *_totals_columns())
            .where(approved)
            .group_by(ActivityReport.outcome_area_id)
        )
    )
    branches = dict(
        db.session.execute(
            select(ActivityReport.outcome_area_id, func.count(distinct(Volunteer.branch_id)))
            .join(Volunteer, Volunteer.id == ActivityReport.volunteer_id)
            .where(approved)
            .group_by(ActivityReport.outcome_area_id)
        ).all()
    )
    areas = db.session.execute(
        select(OutcomeArea.id, OutcomeArea.name_da, OutcomeArea.name_en)
        .where(OutcomeArea.id.in_([a for a in sums if a is not None]))
        .order_by(OutcomeArea.position, OutcomeArea.id)
    ).all()
    figures = [AreaFigure(i, da, en, sums[i], int(branches.get(i, 0))) for i, da, en in areas]
    if None in sums:
        figures.append(AreaFigure(None, "", "", sums[None], int(branches.get(None, 0))))
    return tuple(figures)


def branches_involved(project_id: int, period: Period) -> tuple[BranchFigure, ...]:
    """The branches of the volunteers placed in the period, and those that offered help on the
    project's needs within it, by name."""
    placed = placed_query(project_id, period).subquery()
    members = dict(
        db.session.execute(
            select(Volunteer.branch_id, func.count(Volunteer.id))
            .where(Volunteer.id.in_(select(placed.c[0])), Volunteer.branch_id.is_not(None))
            .group_by(Volunteer.branch_id)
        ).all()
    )
    start, end = local_bounds(period)
    offered = set(
        db.session.scalars(
            select(Match.branch_id)
            .distinct()
            .join(Need, Need.id == Match.need_id)
            .where(
                Need.project_id == project_id,
                Match.branch_id.is_not(None),
                Match.offered_at >= start,
                Match.offered_at < end,
            )
        )
    )
    ids = set(members) | offered
    rows = db.session.execute(
        select(Branch.id, Branch.name).where(Branch.id.in_(ids)).order_by(Branch.name)
    )
    return tuple(BranchFigure(i, name, int(members.get(i, 0)), i in offered) for i, name in rows)


def _measured(measure: str, overall: dict[str, float], area: AreaFigure | None) -> float:
    """The figure a target's measure is read from: the project's, or within one outcome area."""
    if area is None:
        return overall[measure]
    t = area.totals
    return {
        TargetMeasure.VOLUNTEERS_PLACED: t.volunteers,
        TargetMeasure.ACTIVITIES: t.activities,
        TargetMeasure.DAYS: t.days,
        TargetMeasure.HOURS: t.hours,
        TargetMeasure.PARTICIPANTS: t.participants,
        TargetMeasure.PARTICIPANTS_WOMEN: t.participants_women,
        TargetMeasure.PARTICIPANTS_YOUNG: t.participants_young,
        TargetMeasure.BRANCHES: area.branches,
    }[measure]


def target_progress(
    project_id: int, overall: dict[str, float], areas: tuple[AreaFigure, ...]
) -> tuple[TargetProgress, ...]:
    """Each of the project's targets with its figure for the period."""
    by_id = {a.area_id: a for a in areas}
    rows = db.session.execute(
        select(ProjectTarget, OutcomeArea.name_da, OutcomeArea.name_en)
        .outerjoin(OutcomeArea, OutcomeArea.id == ProjectTarget.outcome_area_id)
        .where(ProjectTarget.project_id == project_id)
        .order_by(OutcomeArea.position.is_not(None), OutcomeArea.position, ProjectTarget.id)
    )
    progress = []
    for target, name_da, name_en in rows:
        area = None
        if target.outcome_area_id is not None:
            area = by_id.get(target.outcome_area_id) or AreaFigure(
                target.outcome_area_id, "", "", Totals(), 0
            )
        progress.append(
            TargetProgress(
                target.id,
                target.measure,
                target.outcome_area_id,
                name_da or "",
                name_en or "",
                target.value,
                _measured(target.measure, overall, area),
            )
        )
    return tuple(progress)


def project_results(project_id: int, period: Period) -> ProjectResults:
    """Every figure of the results page, in a fixed number of queries."""
    placed = _count(placed_query(project_id, period))
    sums = totals(project_id, period)
    areas = by_area(project_id, period)
    branches = branches_involved(project_id, period)
    overall = {
        TargetMeasure.VOLUNTEERS_PLACED: placed,
        TargetMeasure.ACTIVITIES: sums.activities,
        TargetMeasure.DAYS: sums.days,
        TargetMeasure.HOURS: sums.hours,
        TargetMeasure.PARTICIPANTS: sums.participants,
        TargetMeasure.PARTICIPANTS_WOMEN: sums.participants_women,
        TargetMeasure.PARTICIPANTS_YOUNG: sums.participants_young,
        TargetMeasure.BRANCHES: len(branches),
    }
    return ProjectResults(
        project_id=project_id,
        period=period,
        engaged=_count(engaged_query(project_id, period)),
        placed=placed,
        totals=sums,
        by_type=by_type(project_id, period),
        by_area=areas,
        branches=branches,
        targets=target_progress(project_id, overall, areas),
        activities=activity_lines(project_id, period),
    )
