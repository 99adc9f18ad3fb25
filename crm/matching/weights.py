"""The scoring weights, all in one place; docs/matching.md explains the formula."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Weights:
    """Points each part of a need can give, and the shares for partial fits.

    A need's possible points are the sum over what it asks for; a candidate's score is the points
    earned as a share of the possible points, times 100. Missing data earns nothing for that part.
    """

    skill: float = 10.0
    """Points per unit of a skill requirement's weight, for a top fit."""
    at_minimum: float = 0.8
    """Share of a skill's points for a level exactly at the minimum; the rest grows to 1 at 4."""
    below_minimum: float = 0.5
    """Share for a level below the minimum, times level / minimum (2 of 4 gives 0.25)."""
    language: float = 6.0
    """Points per language requirement met."""
    language_below: float = 0.5
    """Share for a language below the preferred level, times rank / minimum rank."""
    country: float = 8.0
    """Points for knowing one of the need's countries."""
    region: float = 0.5
    """Share of the country points for knowing a country in the same region."""
    hours: float = 6.0
    """Points for the hours a month the need asks for (a share for fewer hours)."""
    period: float = 4.0
    """Points for availability known to overlap the need's period."""
    travel: float = 3.0
    """Points for a travel mode known to fit the need's."""


DEFAULT_WEIGHTS = Weights()


def skill_share(level: int, min_level: int, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Share of a skill requirement's points for a candidate's level (before confidence)."""
    if level < min_level:
        return weights.below_minimum * level / min_level
    if min_level == 4:
        return 1.0
    return weights.at_minimum + (1.0 - weights.at_minimum) * (level - min_level) / (4 - min_level)


def language_share(rank: int, min_rank: int, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Share of a language requirement's points for a spoken level (ranks from levels.py)."""
    return 1.0 if rank >= min_rank else weights.language_below * rank / min_rank


def hours_share(hours: int, needed: int) -> float:
    """Share of the hours points: the hours offered as a share of those needed, at most 1."""
    return min(1.0, hours / needed) if needed > 0 else 1.0
