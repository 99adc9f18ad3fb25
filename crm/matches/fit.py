"""How well a score fits, in words: the bands a volunteer reads instead of a number.

The score (0–100) is the share of a need's possible points a volunteer earns (docs/matching.md).
Skills carry most of a need's points, so fitting only its practical side (language, period,
hours, travel, country) stays under 60 for most needs: e.g. a need asking for one skill and one
language gives a volunteer with the language but none of the skill 50. Hence the bands, best
first:

| band | score | Danish | English |
|---|---|---|---|
| good | 60 or more | God match | Good match |
| possible | 30 to under 60 | Mulig match | Possible match |
| partial | under 30 | Delvis match | Partial match |

The consultant's dashboard counts a "good candidate" with the same threshold (GOOD_MATCH; it was
50 before the bands). In the demo data (2,000 volunteers, 17 needs) 3 % of the suggestions a
volunteer sees are good, 24 % possible and 73 % partial.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

GOOD_MATCH = 60.0
"""The lowest score of a good match (the dashboard's good candidates too)."""
POSSIBLE_MATCH = 30.0
"""The lowest score of a possible match; below it a match is partial."""


@dataclass(frozen=True)
class Band:
    """One band: its slug (for CSS and tests), its lowest score and its words."""

    slug: str
    at_least: float
    label: object  # a lazy string, translated when shown


BANDS: tuple[Band, ...] = (
    Band("good", GOOD_MATCH, _l("Good match")),
    Band("possible", POSSIBLE_MATCH, _l("Possible match")),
    Band("partial", 0.0, _l("Partial match")),
)
"""The bands, best first; the first whose lowest score the score reaches is its band."""


def fit_band(score: float | None) -> Band:
    """The band a score falls in (a missing or negative score is partial)."""
    value = float(score or 0.0)
    return next((band for band in BANDS if value >= band.at_least), BANDS[-1])
