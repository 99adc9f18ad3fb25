"""The figures that teach the matching: how often each exit reason is given, and which score
factors the placed and completed matches had beside the declined and not suitable ones.

Both count volunteers' matches only (a branch's offer is scored another way). Each figure is one
grouped SQL query over a bounded result (reasons × two states; two outcomes × four factor
groups), plus one count per outcome: nothing loops over the matches in Python. The factors are
read from Match.explanation as last scored (a rematch re-scores the matches of open needs; those
of a closed need keep their last), each factor's points in score units (docs/matching.md), so a
factor group's average is its average contribution to the score.
"""

from dataclasses import dataclass

from sqlalchemy import JSON, case, column, func, select, true

from crm.extensions import db
from crm.matches.models import ExitReason, Match, MatchState, MatchTransition
from crm.matches.pipeline import PLACED_STATES, REASON_REQUIRED

NO_CODE = ""
"""The row of exits stored before the reasons list (no reason_code)."""

EXIT_STATES: tuple[MatchState, ...] = (MatchState.DECLINED, MatchState.NOT_SUITABLE)
"""The exits that take a reason, in the order the figures show them."""

FACTOR_GROUPS: dict[str, tuple[str, ...]] = {
    "skills": ("skill", "text_skill", "skill_lacking", "skills_unknown"),
    "languages": ("language", "language_lacking", "language_unknown"),
    "countries": ("country", "region", "country_lacking", "countries_unknown"),
    "availability": (
        "hours",
        "hours_unknown",
        "period",
        "period_unknown",
        "travel",
        "travel_unknown",
    ),
}
"""The explanation's factor kinds (crm.matching.model.FACTOR_KINDS) in the four groups whose
weights a consultant reviews (crm/matching/weights.py)."""

PLACED, EXITED = "placed", "exited"
"""The two outcomes compared: placed or completed, against declined or not suitable."""


@dataclass(frozen=True)
class ReasonCount:
    """How often one reason was given, per exit state; code NO_CODE for exits without one."""

    code: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class ReasonFigures:
    """Every reason with its counts (in ExitReason's order), and all exits counted."""

    rows: tuple[ReasonCount, ...]
    total: int

    def share(self, row: ReasonCount) -> float:
        """The row's share of all exits counted (those without a code too), in percent (0 when
        there are none)."""
        return 100.0 * row.total / self.total if self.total else 0.0


@dataclass(frozen=True)
class FactorAverage:
    """One factor group: the average points it gave, and could give, per match of each outcome."""

    group: str
    points: dict[str, float]
    max_points: dict[str, float]

    def share(self, outcome: str) -> float | None:
        """Points earned as a percent of those possible (None when none were possible)."""
        possible = self.max_points.get(outcome, 0.0)
        return 100.0 * self.points.get(outcome, 0.0) / possible if possible else None


@dataclass(frozen=True)
class FactorFigures:
    """The factor groups' averages and how many matches each outcome holds."""

    matches: dict[str, int]
    rows: tuple[FactorAverage, ...]


def reason_counts() -> ReasonFigures:
    """How often each reason was given for declined and not suitable (every such move counts,
    also of a match re-opened later): one grouped query."""
    code = func.coalesce(MatchTransition.reason_code, NO_CODE)
    found = db.session.execute(
        select(code, MatchTransition.to_state, func.count())
        .join(Match, Match.id == MatchTransition.match_id)
        .where(
            Match.volunteer_id.is_not(None),
            MatchTransition.to_state.in_([str(s) for s in REASON_REQUIRED]),
        )
        .group_by(code, MatchTransition.to_state)
    ).all()
    counts: dict[str, dict[str, int]] = {}
    for reason, state, number in found:
        counts.setdefault(reason, {})[state] = number
    codes = [str(r) for r in ExitReason] + ([NO_CODE] if NO_CODE in counts else [])
    rows = tuple(
        ReasonCount(c, {str(s): counts.get(c, {}).get(str(s), 0) for s in EXIT_STATES})
        for c in codes
    )
    return ReasonFigures(rows, sum(r.total for r in rows))


def _outcome():
    """SQL: the outcome group of a match (only placed, completed, declined and not suitable)."""
    return case((Match.state.in_([str(s) for s in PLACED_STATES]), PLACED), else_=EXITED)


def _compared():
    """SQL: the volunteers' matches whose outcome is compared."""
    states = [str(s) for s in (*PLACED_STATES, *REASON_REQUIRED)]
    return Match.volunteer_id.is_not(None), Match.state.in_(states)


def _factors():
    """The explanation's factors as rows (a JSON array unnested: json_each on SQLite,
    json_array_elements on PostgreSQL; both may refer to the match row before them)."""
    if db.session.get_bind().dialect.name == "postgresql":
        elements = func.json_array_elements(Match.explanation)
    else:
        elements = func.json_each(Match.explanation)
    return elements.table_valued(column("value", JSON)).alias("factor")


def factor_averages() -> FactorFigures:
    """The average points per match of each factor group, for placed and completed matches and
    for declined and not suitable ones: one grouped query over the explanations, one count."""
    outcome = _outcome()
    matches = dict(
        db.session.execute(
            select(outcome, func.count()).where(*_compared()).group_by(outcome)
        ).all()
    )
    factor = _factors()
    kind = factor.c.value["factor"].as_string()
    group = case(*[(kind.in_(kinds), name) for name, kinds in FACTOR_GROUPS.items()], else_=NO_CODE)
    sums = db.session.execute(
        select(
            outcome,
            group,
            func.sum(factor.c.value["points"].as_float()),
            func.sum(factor.c.value["max_points"].as_float()),
        )
        .select_from(Match)
        .join(factor, true())
        .where(*_compared())
        .group_by(outcome, group)
    ).all()
    found = {(o, g): (points or 0.0, possible or 0.0) for o, g, points, possible in sums}

    def average(name: str, index: int) -> dict[str, float]:
        return {
            o: found.get((o, name), (0.0, 0.0))[index] / matches[o]
            for o in (PLACED, EXITED)
            if matches.get(o)
        }

    rows = tuple(FactorAverage(name, average(name, 0), average(name, 1)) for name in FACTOR_GROUPS)
    return FactorFigures({o: matches.get(o, 0) for o in (PLACED, EXITED)}, rows)
