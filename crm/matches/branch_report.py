"""The report back to a branch, "What our members did abroad": completed placements of the
members who share, by name, and guarded counts of the others, by the year they were completed
(the small-group rule: crm/branches/figures.py; completed others sit under placed others)."""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from crm.branches.figures import Figure, child_figure
from crm.branches.models import Branch
from crm.extensions import db
from crm.matches.branch_members import others_tree, tally
from crm.matches.models import MatchState, MatchTransition
from crm.projects.models import Need
from crm.volunteers.models import Volunteer


@dataclass
class Placement:
    """A completed placement of a member who shares: who, which need (role), when."""

    volunteer: Volunteer
    need: Need
    completed_year: int


@dataclass
class BranchReport:
    """The report "What our members did abroad": named placements, the others' counts by year."""

    years: list[tuple[int, list[Placement], Figure]]
    others_completed: Figure


def branch_report(branch: Branch) -> BranchReport:
    """Completed placements of the branch's members: by name where they share, else counted."""
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
    return BranchReport(years, all_others)


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
