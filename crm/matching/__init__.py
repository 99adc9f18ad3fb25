"""Frivillig CRM's matching engine: pure Python and NumPy, no Flask, no database.

- Taxonomy: `load_taxonomy()` → `Taxonomy` (`slugs`, `label(slug, locale)`, `choices(locale)`).
- Scales: `EXPERIENCE_LEVELS`, `LANGUAGE_LEVELS`, `TRAVEL_MODES`, `accepts_travel()`.
- Free text: `Normaliser(taxonomy).normalise(text)` → `[AreaMatch(area, confidence, level,
  years)]`, best first; `load_normaliser()` gives a cached one for the shipped taxonomy.
- Inputs: `Candidate`, `Skill`, `Language`, `Availability`, `NeedSpec`, `SkillRequirement`,
  `LanguageRequirement` (frozen dataclasses; empty fields mean unknown).
- Scoring: `score(candidate, need)` → `Result(candidate_id, score, factors, exclusions)`.
- Ranking: `CandidatePool.from_candidates(candidates).rank(need, top)` → `Ranking`;
  `rank_needs_for(candidate, needs)` for the needs that fit one candidate.
- Weights: `Weights`, `DEFAULT_WEIGHTS`. Command line: `crm-match` (crm/matching/cli.py).
"""

from .levels import (
    EXPERIENCE_LEVELS,
    LANGUAGE_CODES,
    LANGUAGE_LEVELS,
    TRAVEL_MODES,
    accepts_travel,
    language_rank,
)
from .model import (
    Availability,
    Candidate,
    Exclusion,
    Factor,
    Language,
    LanguageRequirement,
    NeedSpec,
    Ranking,
    Result,
    Skill,
    SkillRequirement,
)
from .normalise import AreaMatch, Normaliser, load_normaliser
from .ranking import CandidatePool, rank_needs_for
from .regions import COUNTRY_REGION, region_of
from .scoring import score
from .taxonomy import Area, Taxonomy, load_taxonomy
from .weights import DEFAULT_WEIGHTS, Weights

__all__ = [
    "COUNTRY_REGION",
    "DEFAULT_WEIGHTS",
    "EXPERIENCE_LEVELS",
    "LANGUAGE_CODES",
    "LANGUAGE_LEVELS",
    "TRAVEL_MODES",
    "Area",
    "AreaMatch",
    "Availability",
    "Candidate",
    "CandidatePool",
    "Exclusion",
    "Factor",
    "Language",
    "LanguageRequirement",
    "NeedSpec",
    "Normaliser",
    "Ranking",
    "Result",
    "Skill",
    "SkillRequirement",
    "Taxonomy",
    "Weights",
    "accepts_travel",
    "language_rank",
    "load_normaliser",
    "load_taxonomy",
    "rank_needs_for",
    "region_of",
    "score",
]
