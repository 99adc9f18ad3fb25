"""A pool's candidates as NumPy arrays: built once, then one need is scored against all at once."""

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from .levels import EXPERIENCE_LEVELS, LANGUAGE_LEVELS, language_rank, travel_rank
from .model import Candidate, NeedSpec
from .regions import region_of
from .scoring import possible_points
from .weights import DEFAULT_WEIGHTS, Weights, language_share, skill_share

_NO_DAY, _LAST_DAY = 0, 10**7  # ordinals for an open start / end
_UNKNOWN = -1  # language spoken at an unknown level; travel mode unknown


@dataclass(frozen=True)
class Columns:
    """Candidates (sorted by id) as arrays, so that one need is scored against all at once.

    The building block of a CandidatePool (crm/matching/ranking.py), which keeps one for the
    candidates it was built from and a small one for those changed since.

    credits[m - 1, a, i]: share of a skill requirement's points in area a at minimum level m that
    candidate i earns (the best of their skills, times confidence). Rows of the other matrices are
    a language, a country or a region; columns are candidates.
    """

    candidates: tuple[Candidate, ...]
    ids: np.ndarray  # (n,) the candidates' ids, for searchsorted
    weights: Weights
    areas: dict[str, int]
    credits: np.ndarray  # (4, areas, n) float64
    has_skills: np.ndarray  # (n,) bool
    languages: dict[str, int]
    language_ranks: np.ndarray  # (languages, n) int8: 0 not spoken, -1 level unknown, 1-7
    has_languages: np.ndarray
    countries: dict[str, int]
    knows_country: np.ndarray  # (countries, n) bool
    regions: dict[str, int]
    knows_region: np.ndarray  # (regions, n) bool
    hours: np.ndarray  # (n,) float64, 0 when unknown
    has_hours: np.ndarray
    has_period: np.ndarray
    starts: np.ndarray  # (n,) int64 day ordinals
    ends: np.ndarray
    travel: np.ndarray  # (n,) int8 travel rank, -1 when unknown

    @classmethod
    def build(
        cls, candidates: Iterable[Candidate], weights: Weights = DEFAULT_WEIGHTS
    ) -> "Columns":
        """Precompute the arrays for these candidates (ids must be unique)."""
        ordered = tuple(sorted(candidates, key=lambda c: c.id))
        if len({c.id for c in ordered}) != len(ordered):
            raise ValueError("candidate ids must be unique")
        n = len(ordered)
        areas = _index(s.area for c in ordered for s in c.skills)
        credits = np.zeros((len(EXPERIENCE_LEVELS), len(areas), n))
        entries = [
            (i, areas[s.area], s.level, s.confidence)
            for i, c in enumerate(ordered)
            for s in c.skills
        ]
        if entries:
            who, area, level, confidence = (
                np.array(column) for column in zip(*entries, strict=True)
            )
            for m in EXPERIENCE_LEVELS:
                table = np.array([0.0] + [skill_share(lv, m, weights) for lv in EXPERIENCE_LEVELS])
                np.maximum.at(credits[m - 1], (area, who), table[level] * confidence)

        languages = _index(lang.code for c in ordered for lang in c.languages)
        language_ranks = np.zeros((len(languages), n), dtype=np.int8)
        for i, c in enumerate(ordered):
            for lang in c.languages:
                rank = _UNKNOWN if lang.level is None else language_rank(lang.level)
                row = languages[lang.code]
                if language_ranks[row, i] == 0 or rank > language_ranks[row, i]:
                    language_ranks[row, i] = rank

        countries = _index(code for c in ordered for code in c.countries)
        regions = _index(r for code in countries if (r := region_of(code)))
        knows_country = np.zeros((len(countries), n), dtype=bool)
        knows_region = np.zeros((len(regions), n), dtype=bool)
        for i, c in enumerate(ordered):
            for code in c.countries:
                knows_country[countries[code], i] = True
                if region := region_of(code):
                    knows_region[regions[region], i] = True

        availability = [c.availability for c in ordered]
        hours = [a.hours_per_month if a else None for a in availability]
        return cls(
            candidates=ordered,
            ids=np.array([c.id for c in ordered], dtype=str),
            weights=weights,
            areas=areas,
            credits=credits,
            has_skills=np.array([bool(c.skills) for c in ordered], dtype=bool),
            languages=languages,
            language_ranks=language_ranks,
            has_languages=np.array([bool(c.languages) for c in ordered], dtype=bool),
            countries=countries,
            knows_country=knows_country,
            regions=regions,
            knows_region=knows_region,
            hours=np.array([h or 0 for h in hours], dtype=np.float64),
            has_hours=np.array([h is not None for h in hours], dtype=bool),
            has_period=np.array([bool(a and (a.start or a.end)) for a in availability], dtype=bool),
            starts=np.array(
                [a.start.toordinal() if a and a.start else _NO_DAY for a in availability],
                dtype=np.int64,
            ),
            ends=np.array(
                [a.end.toordinal() if a and a.end else _LAST_DAY for a in availability],
                dtype=np.int64,
            ),
            travel=np.array(
                [travel_rank(a.travel) if a and a.travel else _UNKNOWN for a in availability],
                dtype=np.int8,
            ),
        )

    def __len__(self) -> int:
        return len(self.candidates)

    def scores(self, need: NeedSpec) -> tuple[np.ndarray, np.ndarray]:
        """Every candidate's score (0-100, one decimal) and whether a hard constraint excludes them.

        The arithmetic follows scoring.score() step by step, so both give the same numbers.
        """
        w, n = self.weights, len(self)
        earned = np.zeros(n)
        excluded = np.zeros(n, dtype=bool)
        for req in need.skills:
            if req.area in self.areas:
                earned += (req.weight * w.skill) * self.credits[
                    req.min_level - 1, self.areas[req.area]
                ]
        for wanted in need.languages:
            minimum = language_rank(wanted.min_level)
            if wanted.code in self.languages:
                ranks = self.language_ranks[self.languages[wanted.code]]
            else:
                ranks = np.zeros(n, dtype=np.int8)
            table = np.array(
                [0.0]
                + [
                    0.0
                    if wanted.required and r < minimum
                    else w.language * language_share(r, minimum, w)
                    for r in range(1, len(LANGUAGE_LEVELS) + 1)
                ]
                + [0.0]
            )
            earned += table[ranks]  # rank -1 (level unknown) picks the trailing 0.0
            if wanted.required:
                excluded |= self.has_languages & (ranks >= 0) & (ranks < minimum)
        if need.countries:
            earned += self._country_points(need)
        if need.hours_per_month is not None:
            if need.hours_per_month > 0:  # unknown hours are 0 here, and so earn 0 points
                earned += w.hours * np.minimum(1.0, self.hours / need.hours_per_month)
            else:
                earned += np.where(self.has_hours, w.hours * 1.0, 0.0)
        if need.start or need.end:
            start = need.start.toordinal() if need.start else _NO_DAY
            end = need.end.toordinal() if need.end else _LAST_DAY
            fits = (self.starts <= end) & (start <= self.ends)
            earned += np.where(self.has_period & fits, w.period, 0.0)
            excluded |= self.has_period & ~fits
        if need.travel is not None:
            known = self.travel != _UNKNOWN
            fits = self.travel >= travel_rank(need.travel)
            earned += np.where(known & fits, w.travel, 0.0)
            excluded |= known & ~fits
        possible = possible_points(need, w)
        if possible <= 0:
            return np.zeros(n), excluded
        return np.rint(100.0 * earned / possible * 10) / 10, excluded

    def _country_points(self, need: NeedSpec) -> np.ndarray:
        w = self.weights
        rows = [self.countries[c] for c in need.countries if c in self.countries]
        regions = {r for c in need.countries if (r := region_of(c)) in self.regions}
        knows = self.knows_country[rows].any(axis=0)
        near = self.knows_region[[self.regions[r] for r in sorted(regions)]].any(axis=0)
        return np.where(knows, w.country, np.where(near, w.country * w.region, 0.0))


def _index(values: Iterable[str]) -> dict[str, int]:
    return {value: i for i, value in enumerate(sorted(set(values)))}
