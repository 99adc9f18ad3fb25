"""The report back to a branch, "What our members did abroad".

Fed by the APPROVED activity reports of the members' placements (a submitted one never shows):
the activities of members who share with the branch, by name; for the others only totals, and
only when their group is at least MIN_GROUP (the small-group rule, crm/branches/figures.py: the
others who reported sit under the placed others). Beside them, as before, the completed
placements: by name where the member shares, else guarded counts by the year they were completed.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select

from crm.activities.models import ActivityReport, ReportStatus
from crm.audit import log as audit
from crm.audit.log import Action
from crm.branches.figures import Figure, child_figure
from crm.branches.models import Branch
from crm.extensions import db
from crm.matches.branch_members import others_tree, tally
from crm.matches.models import Match, MatchState, MatchTransition
from crm.matches.pipeline import PLACED_STATES
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer


@dataclass
class Placement:
    """A completed placement of a member who shares: who, which need (role), when."""

    volunteer: Volunteer
    need: Need
    completed_year: int


@dataclass(frozen=True)
class Activity:
    """An approved activity of a member who shares, with its project's title."""

    volunteer: Volunteer
    project_title: str
    report: ActivityReport


@dataclass(frozen=True)
class OthersActivities:
    """The approved activities of the members who do not share, as totals only: `members` is
    the guarded count of those who reported, and the totals are None unless it is shown."""

    members: Figure
    activities: int | None = None
    days: float | None = None
    hours: float | None = None
    participants: int | None = None


@dataclass
class BranchReport:
    """The report "What our members did abroad": named activities and the others' totals;
    named completed placements and the others' counts by year."""

    years: list[tuple[int, list[Placement], Figure]]
    others_completed: Figure
    activities: list[Activity]
    others_activities: OthersActivities

    @property
    def named_members(self) -> list[Volunteer]:
        """The members who share that the report names (each once), for the audit log."""
        people = {a.volunteer.id: a.volunteer for a in self.activities}
        for _year, placements, _figure in self.years:
            people.update({p.volunteer.id: p.volunteer for p in placements})
        return list(people.values())


def _approved_of(branch: Branch) -> list[ColumnElement[bool]]:
    """SQL: approved activity reports of the branch's members, on a placement (placed or
    completed) — the members behind them are among the branch's placed members."""
    return [
        ActivityReport.status == ReportStatus.APPROVED,
        Volunteer.branch_id == branch.id,
        Match.state.in_([str(s) for s in PLACED_STATES]),
    ]


def named_activities(branch: Branch, members: list[Volunteer]) -> list[Activity]:
    """The approved activities of the members who share with the branch, newest first."""
    by_id = {v.id: v for v in members}
    rows = db.session.execute(
        select(ActivityReport, Project.title)
        .join(Volunteer, Volunteer.id == ActivityReport.volunteer_id)
        .join(Match, Match.id == ActivityReport.match_id)
        .join(Project, Project.id == ActivityReport.project_id)
        .where(*_approved_of(branch), ActivityReport.volunteer_id.in_(list(by_id)))
        .order_by(ActivityReport.started_on.desc(), ActivityReport.id)
    ).all()
    return [Activity(by_id[r.volunteer_id], title, r) for r, title in rows]


def others_activities(branch: Branch, sharing: set[int], placed: Figure) -> OthersActivities:
    """Totals of the approved activities of the members who do not share: one grouped query;
    the totals only when the members behind them are a printable group under `placed`."""
    who, activities, days, hours, participants = db.session.execute(
        select(
            func.count(func.distinct(ActivityReport.volunteer_id)),
            func.count(ActivityReport.id),
            func.sum(ActivityReport.days),
            func.sum(ActivityReport.hours),
            func.sum(ActivityReport.participants),
        )
        .join(Volunteer, Volunteer.id == ActivityReport.volunteer_id)
        .join(Match, Match.id == ActivityReport.match_id)
        .where(*_approved_of(branch), ActivityReport.volunteer_id.not_in(list(sharing)))
    ).one()
    members = child_figure(who, placed)
    if not members.shown:
        return OthersActivities(members)
    return OthersActivities(members, activities, days or 0.0, hours or 0.0, participants or 0)


def build_report(branch: Branch) -> BranchReport:
    """What the branch's members did abroad: approved activities and completed placements, by
    name where they share, else as guarded totals."""
    counts, members = tally(branch)
    _root, _interested, placed = others_tree(counts)
    by_id = {v.id: v for v in members}
    completed = [(m, n) for m, n in counts.matches if m.state == MatchState.COMPLETED]
    year_of = _completion_years([m.id for m, _n in completed])
    named: dict[int, list[Placement]] = defaultdict(list)
    others: dict[int, set[int]] = defaultdict(set)
    for match, need in completed:
        year = year_of.get(match.id, match.updated_at.year)
        if match.volunteer_id in by_id:
            named[year].append(Placement(by_id[match.volunteer_id], need, year))
        else:
            others[year].add(match.volunteer_id)
    all_others = child_figure(len(set().union(*others.values())), placed)
    years = [
        (year, named.get(year, []), child_figure(len(others.get(year, ())), all_others))
        for year in sorted(set(named) | set(others), reverse=True)
    ]
    years = [(y, people, figure) for y, people, figure in years if people or figure.shown]
    return BranchReport(
        years,
        all_others,
        named_activities(branch, members),
        others_activities(branch, counts.sharing, placed),
    )


def branch_report(branch: Branch) -> BranchReport:
    """The report as the branch's contact sees it (build_report), each member it names written
    to the audit log as a view of that person's record."""
    report = build_report(branch)
    for member in report.named_members:
        audit.record(Action.RECORD_VIEWED, volunteer_id=member.id, page="branch_report")
    return report


def _completion_years(match_ids: list[int]) -> dict[int, int]:
    """match id → the year it was moved to completed (its last such move)."""
    rows = db.session.execute(
        select(MatchTransition.match_id, db.func.max(MatchTransition.at))
        .where(
            MatchTransition.match_id.in_(match_ids),
            MatchTransition.to_state == MatchState.COMPLETED,
        )
        .group_by(MatchTransition.match_id)
    ).all()
    return {match_id: at.year for match_id, at in rows}
