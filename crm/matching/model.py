"""The engine's inputs (candidates, needs) and outputs (results with factors and exclusions)."""

from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from datetime import date

from .levels import EXPERIENCE_LEVELS, LANGUAGE_LEVELS, TRAVEL_MODES
from .taxonomy import load_taxonomy

SKILL_SOURCES = ("declared", "text")


@dataclass(frozen=True)
class Skill:
    """Experience in one area: declared by the person, or found in their free text."""

    area: str
    level: int
    confidence: float = 1.0
    source: str = "declared"
    text: str | None = None

    def __post_init__(self) -> None:
        if self.level not in EXPERIENCE_LEVELS:
            raise ValueError(f"skill level must be 1-4, got {self.level!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence must be within 0-1, got {self.confidence!r}")
        if self.source not in SKILL_SOURCES:
            raise ValueError(f"skill source must be declared or text, got {self.source!r}")


def skill_strength(skill: Skill) -> tuple[bool, int, float]:
    """How a profile ranks its skills in one area: declared first, then level, then confidence."""
    return (skill.source == "declared", skill.level, skill.confidence)


def best_per_area(skills: Iterable[Skill]) -> dict[str, Skill]:
    """The one skill a profile keeps per area (the strongest by skill_strength; first on a tie).

    What a volunteer's stored skills and a branch's collective experience hold. The scorer, given
    several skills in an area, still counts the one that earns most (scoring.skill_credit).
    """
    best: dict[str, Skill] = {}
    for skill in skills:
        held = best.get(skill.area)
        if held is None or skill_strength(skill) > skill_strength(held):
            best[skill.area] = skill
    return best


@dataclass(frozen=True)
class Language:
    """A language spoken, with its CEFR level (None = level unknown)."""

    code: str
    level: str | None = None

    def __post_init__(self) -> None:
        if self.level is not None and self.level not in LANGUAGE_LEVELS:
            raise ValueError(f"unknown language level {self.level!r}")


@dataclass(frozen=True)
class Availability:
    """When and how much a candidate can help; None in any field means unknown (or open-ended)."""

    start: date | None = None
    end: date | None = None
    hours_per_month: int | None = None
    travel: str | None = None

    def __post_init__(self) -> None:
        if self.travel is not None and self.travel not in TRAVEL_MODES:
            raise ValueError(f"unknown travel mode {self.travel!r}")


@dataclass(frozen=True)
class Candidate:
    """A volunteer, or a branch's collective experience. Empty fields mean unknown."""

    id: str
    skills: tuple[Skill, ...] = ()
    languages: tuple[Language, ...] = ()
    countries: frozenset[str] = frozenset()
    availability: Availability | None = None


@dataclass(frozen=True)
class SkillRequirement:
    """A need's wish for experience in an area, at a minimum level, with a relative weight."""

    area: str
    min_level: int = 1
    weight: float = 1.0

    def __post_init__(self) -> None:
        if self.min_level not in EXPERIENCE_LEVELS:
            raise ValueError(f"min_level must be 1-4, got {self.min_level!r}")
        if not self.weight > 0:
            raise ValueError(f"weight must be positive, got {self.weight!r}")


@dataclass(frozen=True)
class LanguageRequirement:
    """A language a need asks for: required ones exclude, preferred ones add points."""

    code: str
    min_level: str = "A1"
    required: bool = False

    def __post_init__(self) -> None:
        if self.min_level not in LANGUAGE_LEVELS:
            raise ValueError(f"unknown language level {self.min_level!r}")


@dataclass(frozen=True)
class NeedSpec:
    """What a need asks for. Empty fields ask for nothing."""

    id: str
    skills: tuple[SkillRequirement, ...] = ()
    languages: tuple[LanguageRequirement, ...] = ()
    countries: frozenset[str] = frozenset()
    start: date | None = None
    end: date | None = None
    hours_per_month: int | None = None
    travel: str | None = None

    def __post_init__(self) -> None:
        if self.travel is not None and self.travel not in TRAVEL_MODES:
            raise ValueError(f"unknown travel mode {self.travel!r}")


def _area(slug: str) -> str:
    return load_taxonomy().label(slug, "en")


def _period(value: tuple[date | None, date | None] | None) -> str:
    start, end = value or (None, None)
    return f"{start or '…'} to {end or '…'}"


_FACTOR_TEXT = {
    "skill": lambda f: (
        f"{_area(f.subject)}: level {f.value}, minimum {f.wanted}, weight {f.weight:g}"
    ),
    "text_skill": lambda f: (
        f"{_area(f.subject)}: level {f.value} from free text ({f.confidence:.0%} sure), "
        f"minimum {f.wanted}, weight {f.weight:g}"
    ),
    "skill_lacking": lambda f: f"{_area(f.subject)}: no experience, minimum {f.wanted}",
    "skills_unknown": lambda f: f"{_area(f.subject)}: experience unknown, minimum {f.wanted}",
    "language": lambda f: (
        f"Language {f.subject}: {f.value}, {'required' if f.required else 'preferred'} {f.wanted}"
    ),
    "language_lacking": lambda f: f"Language {f.subject}: not spoken, preferred {f.wanted}",
    "language_unknown": lambda f: f"Language {f.subject}: level unknown, wanted {f.wanted}",
    "country": lambda f: f"Knows {f.subject}",
    "region": lambda f: f"Knows {f.value} in the same region as {f.subject} ({f.region})",
    "country_lacking": lambda f: f"Knows none of {', '.join(f.wanted)} nor their regions",
    "countries_unknown": lambda f: f"Countries known: unknown, need is in {', '.join(f.wanted)}",
    "hours": lambda f: f"{f.value} hours a month, {f.wanted} needed",
    "hours_unknown": lambda f: f"Hours a month unknown, {f.wanted} needed",
    "period": lambda f: f"Available {_period(f.value)}, need runs {_period(f.wanted)}",
    "period_unknown": lambda f: f"Availability unknown, need runs {_period(f.wanted)}",
    "travel": lambda f: f"Accepts {f.value} travel, need is {f.wanted}",
    "travel_unknown": lambda f: f"Travel mode unknown, need is {f.wanted}",
}
FACTOR_KINDS = tuple(_FACTOR_TEXT)

_EXCLUSION_TEXT = {
    "language": lambda e: (
        f"Requires {e.subject} at {e.wanted} or better; "
        + (f"speaks it at {e.value}" if e.value else "does not speak it")
    ),
    "period": lambda e: (
        f"Not available during the need's period ({_period(e.wanted)}); "
        f"available {_period(e.value)}"
    ),
    "travel": lambda e: f"Need requires {e.wanted} travel; accepts {e.value} only",
}
EXCLUSION_KINDS = tuple(_EXCLUSION_TEXT)


def _json_value(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list | frozenset):
        return [_json_value(v) for v in (sorted(value) if isinstance(value, frozenset) else value)]
    return value


@dataclass(frozen=True)
class Factor:
    """One line of an explanation: what was compared and how many score points it gave.

    `points` and `max_points` are in score units (all factors' points add up to the score).
    `value` is what the candidate has and `wanted` what the need asks for; their type depends on
    `kind` (a level, a language level, hours, a travel mode, a (start, end) period, a country).
    Kinds ending in "_unknown" mean the candidate's data was missing.
    """

    kind: str
    subject: str | None
    points: float
    max_points: float
    value: object = None
    wanted: object = None
    weight: float | None = None
    confidence: float | None = None
    required: bool | None = None
    region: str | None = None
    source_text: str | None = None

    @property
    def unknown(self) -> bool:
        """Whether this factor stands for missing data."""
        return self.kind.endswith("_unknown")

    @property
    def text(self) -> str:
        """A plain English sentence, e.g. for the command line."""
        return f"{_FACTOR_TEXT[self.kind](self)} ({self.points:+.1f} of {self.max_points:.1f})"

    def to_dict(self, with_text: bool = True) -> dict[str, object]:
        """The explanation's JSON shape: factor, subject, the details that are set, points and
        max_points (one decimal), and the English `text` unless `with_text` is False.

        The app stores it without the text (crm/matches/explain.py words every kind in the
        reader's language). Built field by field: dataclasses.asdict deep-copies, which cost ten
        seconds per 80,000 stored matches.
        """
        data: dict[str, object] = {"factor": self.kind, "subject": self.subject}
        for name in _FACTOR_DETAILS:
            value = getattr(self, name)
            if value is not None:
                data[name] = _json_value(value)
        data["points"] = round(self.points, 1)
        data["max_points"] = round(self.max_points, 1)
        if with_text:
            data["text"] = self.text
        return data


_FACTOR_DETAILS = tuple(
    f.name for f in fields(Factor) if f.name not in ("kind", "subject", "points", "max_points")
)


@dataclass(frozen=True)
class Exclusion:
    """A hard constraint the candidate fails: kind is "language", "period" or "travel"."""

    kind: str
    subject: str | None = None
    value: object = None
    wanted: object = None

    @property
    def text(self) -> str:
        """A plain English sentence, e.g. for the command line."""
        return _EXCLUSION_TEXT[self.kind](self)

    def to_dict(self, with_text: bool = True) -> dict[str, object]:
        """The JSON shape: reason, subject, value, wanted, and the English `text` unless
        `with_text` is False (the app stores it without)."""
        data: dict[str, object] = {
            "reason": self.kind,
            "subject": self.subject,
            "value": _json_value(self.value),
            "wanted": _json_value(self.wanted),
        }
        if with_text:
            data["text"] = self.text
        return data


@dataclass(frozen=True)
class Result:
    """A candidate's score for one need (0-100, one decimal) with its explanation."""

    candidate_id: str
    score: float
    factors: tuple[Factor, ...] = ()
    exclusions: tuple[Exclusion, ...] = ()

    @property
    def excluded(self) -> bool:
        """Whether a hard constraint excludes the candidate (the score is still computed)."""
        return bool(self.exclusions)


@dataclass(frozen=True)
class Ranking:
    """Candidates for one need, best first; excluded ones apart, counted, with their reasons."""

    need_id: str
    candidates: list[Result] = field(default_factory=list)
    excluded: list[Result] = field(default_factory=list)
    excluded_count: int = 0
