"""The reference scorer: one candidate against one need, with every factor explained."""

from datetime import date

from .levels import accepts_travel, language_rank
from .model import (
    Availability,
    Candidate,
    Exclusion,
    Factor,
    LanguageRequirement,
    NeedSpec,
    Result,
    Skill,
)
from .model import SkillRequirement as Requirement
from .regions import region_of
from .weights import DEFAULT_WEIGHTS, Weights, hours_share, language_share, skill_share


def possible_points(need: NeedSpec, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The points a perfect candidate would earn for this need (before scaling to 100)."""
    total = 0.0
    for requirement in need.skills:
        total += requirement.weight * weights.skill
    for _ in need.languages:
        total += weights.language
    if need.countries:
        total += weights.country
    if need.hours_per_month is not None:
        total += weights.hours
    if need.start or need.end:
        total += weights.period
    if need.travel is not None:
        total += weights.travel
    return total


def to_score(earned: float, possible: float) -> float:
    """Earned points as 0-100 with one decimal (0 when the need asks for nothing)."""
    return round(100.0 * earned / possible * 10) / 10 if possible > 0 else 0.0


def score(candidate: Candidate, need: NeedSpec, weights: Weights = DEFAULT_WEIGHTS) -> Result:
    """Score one candidate for one need, 0-100, with the factors and any hard-constraint exclusions.

    Missing candidate data earns no points for that part and shows as an "_unknown" factor; it
    never excludes. See docs/matching.md for the formula.
    """
    possible = possible_points(need, weights)
    scale = 100.0 / possible if possible > 0 else 0.0
    parts: list[tuple[float, Factor]] = []
    exclusions: list[Exclusion] = []
    for requirement in need.skills:
        parts.append(_skill(candidate, requirement, weights, scale))
    for wanted in need.languages:
        parts.append(_language(candidate, wanted, weights, scale))
        if wanted.required and _below(parts[-1][1], wanted):
            value = parts[-1][1].value
            exclusions.append(Exclusion("language", wanted.code, value, wanted.min_level))
    if need.countries:
        parts.append(_country(candidate, need, weights, scale))
    availability = candidate.availability or Availability()
    if need.hours_per_month is not None:
        hours, needed = availability.hours_per_month, need.hours_per_month
        if hours is None:
            parts.append(_part(scale, "hours_unknown", None, 0.0, weights.hours, wanted=needed))
        else:
            points = weights.hours * hours_share(hours, needed)
            parts.append(_part(scale, "hours", None, points, weights.hours, hours, needed))
    if need.start or need.end:
        wanted_period = (need.start, need.end)
        if not (availability.start or availability.end):
            parts.append(
                _part(scale, "period_unknown", None, 0.0, weights.period, wanted=wanted_period)
            )
        else:
            period = (availability.start, availability.end)
            fits = overlaps(period, wanted_period)
            points = weights.period if fits else 0.0
            parts.append(
                _part(scale, "period", None, points, weights.period, period, wanted_period)
            )
            if not fits:
                exclusions.append(Exclusion("period", None, period, wanted_period))
    if need.travel is not None:
        travel = availability.travel
        if travel is None:
            parts.append(
                _part(scale, "travel_unknown", None, 0.0, weights.travel, wanted=need.travel)
            )
        else:
            fits = accepts_travel(travel, need.travel)
            points = weights.travel if fits else 0.0
            parts.append(_part(scale, "travel", None, points, weights.travel, travel, need.travel))
            if not fits:
                exclusions.append(Exclusion("travel", None, travel, need.travel))

    earned = 0.0  # summed in the order ranking.py sums its arrays, so both agree to the bit
    for points, _ in parts:
        earned += points
    factors = tuple(factor for _, factor in parts)
    return Result(candidate.id, to_score(earned, possible), factors, tuple(exclusions))


def _part(
    scale: float,
    kind: str,
    subject: str | None,
    points: float,
    top: float,
    value: object = None,
    wanted: object = None,
    **details,
) -> tuple[float, Factor]:
    """The raw points (for the sum) and the factor, whose points are scaled to score units."""
    return points, Factor(kind, subject, points * scale, top * scale, value, wanted, **details)


def overlaps(
    period: tuple[date | None, date | None], other: tuple[date | None, date | None]
) -> bool:
    """Whether two periods share a day; a None end is open."""
    (start, end), (other_start, other_end) = period, other
    return (start is None or other_end is None or start <= other_end) and (
        other_start is None or end is None or other_start <= end
    )


def skill_credit(skill: Skill, min_level: int, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Share of a requirement's points one skill gives: its level's share times its confidence."""
    return skill_share(skill.level, min_level, weights) * skill.confidence


def _skill(
    candidate: Candidate, requirement: Requirement, weights: Weights, scale: float
) -> tuple[float, Factor]:
    top = requirement.weight * weights.skill
    details = {"wanted": requirement.min_level, "weight": requirement.weight}
    if not candidate.skills:
        return _part(scale, "skills_unknown", requirement.area, 0.0, top, **details)
    skills = [s for s in candidate.skills if s.area == requirement.area]
    if not skills:
        return _part(scale, "skill_lacking", requirement.area, 0.0, top, **details)
    # the best credit counts; on a tie a declared skill (listed first after sorting) explains it
    best = max(
        sorted(skills, key=lambda s: s.source != "declared"),
        key=lambda s: skill_credit(s, requirement.min_level, weights),
    )
    kind = "skill" if best.source == "declared" else "text_skill"
    return _part(
        scale,
        kind,
        requirement.area,
        top * skill_credit(best, requirement.min_level, weights),
        top,
        value=best.level,
        confidence=best.confidence,
        source_text=best.text,
        **details,
    )


def _language(
    candidate: Candidate, wanted: LanguageRequirement, weights: Weights, scale: float
) -> tuple[float, Factor]:
    details = {"wanted": wanted.min_level, "required": wanted.required}
    if not candidate.languages:
        return _part(scale, "language_unknown", wanted.code, 0.0, weights.language, **details)
    spoken = [lang for lang in candidate.languages if lang.code == wanted.code]
    if not spoken:
        return _part(scale, "language_lacking", wanted.code, 0.0, weights.language, **details)
    levels = [lang.level for lang in spoken if lang.level is not None]
    if not levels:
        return _part(scale, "language_unknown", wanted.code, 0.0, weights.language, **details)
    level = max(levels, key=language_rank)
    rank, minimum = language_rank(level), language_rank(wanted.min_level)
    # a required language below its minimum excludes the candidate, so it earns nothing
    share = 0.0 if wanted.required and rank < minimum else language_share(rank, minimum, weights)
    return _part(
        scale,
        "language",
        wanted.code,
        weights.language * share,
        weights.language,
        value=level,
        **details,
    )


def _below(factor: Factor, wanted: LanguageRequirement) -> bool:
    """Whether a known language factor falls short of the requirement (unknown never does)."""
    if factor.kind == "language_lacking":
        return True
    return factor.kind == "language" and language_rank(factor.value) < language_rank(
        wanted.min_level
    )


def _country(
    candidate: Candidate, need: NeedSpec, weights: Weights, scale: float
) -> tuple[float, Factor]:
    wanted = sorted(need.countries)
    if not candidate.countries:
        return _part(scale, "countries_unknown", None, 0.0, weights.country, wanted=wanted)
    for country in wanted:
        if country in candidate.countries:
            return _part(scale, "country", country, weights.country, weights.country, wanted=wanted)
    for country in wanted:
        region = region_of(country)
        known = sorted(c for c in candidate.countries if region and region_of(c) == region)
        if known:
            return _part(
                scale,
                "region",
                country,
                weights.country * weights.region,
                weights.country,
                value=known[0],
                wanted=wanted,
                region=region,
            )
    return _part(
        scale,
        "country_lacking",
        None,
        0.0,
        weights.country,
        value=sorted(candidate.countries),
        wanted=wanted,
    )
