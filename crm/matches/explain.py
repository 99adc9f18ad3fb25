"""Stored or live explanations in plain Danish or English, one line per factor with its points.

Reads one shape only: the engine's Factor.to_dict() and Exclusion.to_dict() (crm/matching/
model.py), which is what Match.explanation and Match.reasons hold and what the volunteer's page
scores live. A factor in any other shape (an unknown kind, keys of an older version) is left out
and counted, never an error: the nightly `rematch` rewrites every stored explanation.

Each line ends in its points out of the line's maximum ("Kender Kenya: 8 af 8 point"); a line that
could give no points shows none. Skills read from free text say so in the reader's words: "fra din
beskrivelse" for the volunteer, "fra beskrivelsen" for the consultant, who also sees in words when
the reading went by a similar word (confidence below 1). No confidence is shown as a percentage.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from babel.lists import format_list
from flask import g, has_request_context
from flask_babel import format_date, format_decimal, get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup, escape

from crm.labels import locale_code, skill_label, travel_label
from crm.matching.levels import language_rank
from crm.names import country_name, language_name

CONSULTANT = "consultant"
VOLUNTEER = "volunteer"
READERS = (CONSULTANT, VOLUNTEER)
"""Who reads an explanation: the wording of text-read skills differs."""


@dataclass(frozen=True)
class Line:
    """One explanation line: the sentence, its points ("6 af 24 point"), a consultant's hint."""

    text: str
    points: str = ""
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.text} ({self.hint})" if self.hint else self.text
        return f"{text}: {self.points}" if self.points else text

    def __html__(self) -> Markup:
        """The line with its hint and points in quieter type."""
        html = escape(self.text)
        if self.hint:
            html += Markup(' <span class="hint">(%s)</span>') % self.hint
        if self.points:
            html += Markup(': <span class="points">%s</span>') % self.points
        return html


@dataclass(frozen=True)
class Explanation:
    """A result's lines: those that gave points (best first), those that gave none, and how
    many stored factors were in a shape this version cannot read."""

    gains: list[Line] = field(default_factory=list)
    gaps: list[Line] = field(default_factory=list)
    unread: int = 0


# --- small readers, tolerant of odd values (a "?" rather than an error) ---


def _number(value: object) -> str:
    return format_decimal(float(value), format="#,##0.#")


def _points(factor: dict) -> float:
    value = factor.get("points")
    return float(value) if isinstance(value, int | float) else 0.0


def format_points(points: object, max_points: object) -> str:
    """ "6 af 24 point" / "6 of 24 points"; "" when the line could give no points.

    A need page shows some 150 lines whose points repeat (the maxima are the weights), and
    formatting one costs about 0.4 ms (two decimals and a plural), so each distinct pair is
    formatted once per request and language (remembered on flask.g).
    """
    top = float(max_points) if isinstance(max_points, int | float) else 0.0
    if top <= 0:
        return ""
    value = float(points) if isinstance(points, int | float) else 0.0
    formatted = g.setdefault("formatted_points", {}) if has_request_context() else {}
    key = (value, top, str(get_locale()))  # force_locale (an e-mail) may change it mid-request
    if key not in formatted:
        formatted[key] = ngettext(
            "%(points)s of %(max)s point",
            "%(points)s of %(max)s points",
            1 if top == 1 else 2,
            points=_number(value),
            max=_number(top),
        )
    return formatted[key]


def _area(slug: object) -> str:
    return skill_label(str(slug)) if slug else _("Skill")


def _language(code: object) -> str:
    return language_name(str(code or ""))


def _lang_level(level: object) -> str:
    if level in (None, ""):
        return "?"
    return _("native level") if level == "native" else str(level)


def _travel(mode: object) -> str:
    """A travel mode's label in lower case, to sit inside a sentence."""
    label = travel_label(str(mode)) if mode else "?"
    return label[:1].lower() + label[1:]


def _countries(codes: object) -> str:
    if isinstance(codes, str):
        codes = [codes]
    names = [country_name(str(c)) for c in (codes or [])]
    return format_list(names, locale=locale_code()) if names else "?"


def _day(value: object) -> str:
    if not value:
        return "…"
    try:
        return format_date(date.fromisoformat(str(value)), "medium")
    except ValueError:
        return str(value)


def _period(value: object) -> str:
    pair = list(value) if isinstance(value, list | tuple) else []
    start, end = (pair + [None, None])[:2]
    return f"{_day(start)}–{_day(end)}"


def _is_below(level: object, minimum: object) -> bool:
    try:
        return language_rank(str(level)) < language_rank(str(minimum))
    except ValueError:
        return False


# --- one sentence per factor kind ---


def _skill(f: dict, reader: str) -> str:
    return _(
        "%(area)s: level %(level)s, at least %(min)s needed",
        area=_area(f.get("subject")),
        level=f.get("value"),
        min=f.get("wanted"),
    )


def _text_skill(f: dict, reader: str) -> str:
    values = {"area": _area(f.get("subject")), "level": f.get("value"), "min": f.get("wanted")}
    if reader == VOLUNTEER:
        return _(
            "%(area)s: level %(level)s from your description, at least %(min)s needed", **values
        )
    return _("%(area)s: level %(level)s from the description, at least %(min)s needed", **values)


def _text_hint(f: dict, reader: str) -> str:
    """For the consultant: the text was read by a similar word, not word for word."""
    confidence = f.get("confidence")
    fuzzy = isinstance(confidence, int | float) and confidence < 1
    return _("read from a similar word") if reader == CONSULTANT and fuzzy else ""


def _language_wanted(f: dict) -> str:
    """What a language requirement asks for, e.g. "at least B2 required"."""
    minimum = _lang_level(f.get("wanted"))
    if f.get("required"):
        return _("at least %(min)s required", min=minimum)
    return _("at least %(min)s preferred", min=minimum)


def _spoken(f: dict, reader: str) -> str:
    level, minimum = f.get("value"), f.get("wanted")
    values = {
        "language": _language(f.get("subject")),
        "level": _lang_level(level),
        "min": _lang_level(minimum),
    }
    if not _is_below(level, minimum):
        return _(
            "Speaks %(language)s at %(level)s, %(wanted)s", wanted=_language_wanted(f), **values
        )
    if f.get("required"):
        return _("Speaks %(language)s at %(level)s, below the required %(min)s", **values)
    return _("Speaks %(language)s at %(level)s, below the preferred %(min)s", **values)


def _hours(f: dict, reader: str) -> str:
    return ngettext(
        "Can give %(num)s hour a month, %(needed)s needed",
        "Can give %(num)s hours a month, %(needed)s needed",
        int(f["value"]),
        needed=f.get("wanted"),
    )


_FACTORS: dict[str, Callable[[dict, str], str]] = {
    "skill": _skill,
    "text_skill": _text_skill,
    "skill_lacking": lambda f, reader: _(
        "%(area)s: no experience, at least %(min)s needed",
        area=_area(f.get("subject")),
        min=f.get("wanted"),
    ),
    "skills_unknown": lambda f, reader: _(
        "%(area)s: experience not given, at least %(min)s needed",
        area=_area(f.get("subject")),
        min=f.get("wanted"),
    ),
    "language": _spoken,
    "language_lacking": lambda f, reader: _(
        "Does not speak %(language)s, %(wanted)s",
        language=_language(f.get("subject")),
        wanted=_language_wanted(f),
    ),
    "language_unknown": lambda f, reader: _(
        "%(language)s: level not given, %(wanted)s",
        language=_language(f.get("subject")),
        wanted=_language_wanted(f),
    ),
    "country": lambda f, reader: _("Knows %(country)s", country=country_name(str(f["subject"]))),
    "region": lambda f, reader: _(
        "Knows %(known)s, in the same region as %(country)s",
        known=country_name(str(f.get("value"))),
        country=country_name(str(f.get("subject"))),
    ),
    "country_lacking": lambda f, reader: _(
        "No knowledge of %(countries)s or the region", countries=_countries(f.get("wanted"))
    ),
    "countries_unknown": lambda f, reader: _(
        "No countries given; the need is about %(countries)s",
        countries=_countries(f.get("wanted")),
    ),
    "hours": _hours,
    "hours_unknown": lambda f, reader: _(
        "Hours a month not given, %(needed)s needed", needed=f.get("wanted")
    ),
    "period": lambda f, reader: _("Available %(available)s", available=_period(f.get("value"))),
    "period_unknown": lambda f, reader: _("Availability period not given"),
    "travel": lambda f, reader: _(
        "Chose %(mode)s; the need is %(wanted)s",
        mode=_travel(f.get("value")),
        wanted=_travel(f.get("wanted")),
    ),
    "travel_unknown": lambda f, reader: _(
        "Travel not given; the need is %(wanted)s", wanted=_travel(f.get("wanted"))
    ),
}
FACTOR_KINDS = tuple(_FACTORS)


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_factor(factor: object, reader: str = CONSULTANT) -> Line | None:
    """One factor (the engine's to_dict shape) as a line; None when it is in another shape."""
    if not isinstance(factor, dict) or factor.get("factor") not in _FACTORS:
        return None
    kind = str(factor["factor"])
    try:
        text = _capitalise(_FACTORS[kind](factor, reader))
        points = format_points(factor.get("points"), factor.get("max_points"))
    except (KeyError, TypeError, ValueError):
        return None
    hint = _text_hint(factor, reader) if kind == "text_skill" else ""
    return Line(text, points, hint)


def explain(factors: Iterable[object] | None, reader: str = CONSULTANT) -> Explanation:
    """A result's factors as lines for `reader`: gains (best first) and gaps (no points)."""
    if reader not in READERS:
        raise ValueError(f"unknown reader {reader!r}")
    read: list[tuple[float, Line]] = []
    unread = 0
    for factor in factors or []:
        line = describe_factor(factor, reader)
        if line is None:
            unread += 1
        else:
            read.append((_points(factor), line))
    gains = sorted((item for item in read if item[0] > 0), key=lambda item: -item[0])
    return Explanation(
        [line for _p, line in gains], [line for points, line in read if points <= 0], unread
    )


# --- exclusion reasons ---


def _reason_language(r: dict) -> str:
    values = {
        "language": _language(r.get("subject")),
        "min": _lang_level(r.get("wanted")),
        "level": _lang_level(r.get("value")),
    }
    if r.get("value") in (None, ""):
        return _("Requires %(language)s at %(min)s or better; does not speak it", **values)
    return _("Requires %(language)s at %(min)s or better; speaks it at %(level)s", **values)


_REASONS: dict[str, Callable[[dict], str]] = {
    "language": _reason_language,
    "period": lambda r: _(
        "Not available in the need's period (%(period)s); available %(available)s",
        period=_period(r.get("wanted")),
        available=_period(r.get("value")),
    ),
    "travel": lambda r: _(
        "The need requires %(wanted)s; the volunteer chose: %(mode)s",
        wanted=_travel(r.get("wanted")),
        mode=_travel(r.get("value")),
    ),
}


def describe_reason(reason: object) -> str:
    """One exclusion reason (Exclusion.to_dict shape) as a sentence; a general one otherwise."""
    kind = reason.get("reason") if isinstance(reason, dict) else None
    if kind not in _REASONS:
        return _("Excluded by a hard requirement")
    return _capitalise(_REASONS[str(kind)](reason))


def format_score(score: object) -> str:
    """A score 0–100 with one decimal in the user's locale ("87,5" in Danish)."""
    try:
        return format_decimal(float(score), format="0.0")
    except (TypeError, ValueError):
        return "–"
