"""Plain Danish or English sentences for stored match explanations and exclusions.

The engine stores each factor and exclusion as a dict (see crm/matching/model.py, to_dict):
{"factor" or "kind": ..., "subject": ..., "value": ..., "wanted": ..., "points": ...,
"max_points": ..., plus weight, confidence, required, region}. Older or hand-made dicts may use
"level" / "min_level" instead of "value" / "wanted"; both are read. Unknown kinds fall back to the
engine's English "text".
"""

from collections.abc import Callable, Iterable
from datetime import date

from babel.lists import format_list
from flask_babel import format_date, format_decimal, format_percent, ngettext
from flask_babel import gettext as _

from crm.labels import locale_code, travel_label
from crm.matching.levels import language_rank
from crm.matching.taxonomy import load_taxonomy
from crm.names import country_name, language_name


def _area(slug: object) -> str:
    return load_taxonomy().label(str(slug), locale_code()) if slug else _("Skill")


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


def _number(value: object) -> str:
    try:
        return format_decimal(float(value), format="#,##0.#")
    except (TypeError, ValueError):
        return "?"


def format_points(points: object, max_points: object = None) -> str:
    """Points with a sign ("+32", "−5"); "0 of 4 points" when a factor could have given points."""
    try:
        value = round(float(points), 1)
    except (TypeError, ValueError):
        return ""
    if value > 0:
        return "+" + _number(value)
    if value < 0:
        return "\u2212" + _number(-value)
    try:
        possible = float(max_points or 0)
    except (TypeError, ValueError):
        possible = 0.0
    return _("0 of %(max)s points", max=_number(possible)) if possible > 0 else ""


def _get(d: dict, *keys: str) -> object:
    for key in keys:
        if d.get(key) is not None:
            return d[key]
    return None


def _at_least(f: dict) -> str:
    """What a skill requirement asks for, e.g. "need: at least 2"."""
    return _("need: at least %(min)s", min=_get(f, "wanted", "min_level"))


def _skill(f: dict) -> str:
    return _(
        "%(area)s: level %(level)s (%(wanted)s)",
        area=_area(f.get("subject")),
        level=_get(f, "value", "level"),
        wanted=_at_least(f),
    )


def _text_skill(f: dict) -> str:
    confidence = _get(f, "confidence")
    return _(
        "%(area)s: level %(level)s read from free text, %(sure)s sure (%(wanted)s)",
        area=_area(f.get("subject")),
        level=_get(f, "value", "level"),
        sure=format_percent(float(confidence)) if confidence is not None else "?",
        wanted=_at_least(f),
    )


def _language_wanted(f: dict) -> str:
    """What a language requirement asks for, e.g. "required: at least B2"."""
    minimum = _lang_level(_get(f, "wanted", "min_level"))
    if f.get("required"):
        return _("required: at least %(min)s", min=minimum)
    return _("preferred: at least %(min)s", min=minimum)


def _is_below(level: object, minimum: object) -> bool:
    try:
        return language_rank(str(level)) < language_rank(str(minimum))
    except ValueError:
        return False


def _language(f: dict) -> str:
    level, minimum = _get(f, "value", "level"), _get(f, "wanted", "min_level")
    values = {
        "language": language_name(str(f.get("subject") or "")),
        "level": _lang_level(level),
        "min": _lang_level(minimum),
    }
    if not _is_below(level, minimum):
        return _(
            "Speaks %(language)s at %(level)s (%(wanted)s)", wanted=_language_wanted(f), **values
        )
    if f.get("required"):
        return _("Speaks %(language)s at %(level)s, below the required %(min)s", **values)
    return _("Speaks %(language)s at %(level)s, below the preferred %(min)s", **values)


def _hours(f: dict) -> str:
    hours, needed = _get(f, "value", "hours"), _get(f, "wanted", "hours_needed")
    try:
        count = int(hours)
    except (TypeError, ValueError):
        count = 0
    return ngettext(
        "Can give %(num)s hour a month (need: %(needed)s)",
        "Can give %(num)s hours a month (need: %(needed)s)",
        count,
        needed=needed,
    )


_FACTORS: dict[str, Callable[[dict], str]] = {
    "skill": _skill,
    "text_skill": _text_skill,
    "skill_lacking": lambda f: _(
        "%(area)s: no experience (%(wanted)s)", area=_area(f.get("subject")), wanted=_at_least(f)
    ),
    "skills_unknown": lambda f: _(
        "%(area)s: experience not given (%(wanted)s)",
        area=_area(f.get("subject")),
        wanted=_at_least(f),
    ),
    "language": _language,
    "language_lacking": lambda f: _(
        "Does not speak %(language)s (%(wanted)s)",
        language=language_name(str(f.get("subject") or "")),
        wanted=_language_wanted(f),
    ),
    "language_unknown": lambda f: _(
        "%(language)s: level not given (%(wanted)s)",
        language=language_name(str(f.get("subject") or "")),
        wanted=_language_wanted(f),
    ),
    "country": lambda f: _("Knows %(country)s", country=country_name(str(f.get("subject")))),
    "region": lambda f: _(
        "Knows %(known)s, in the same region as %(country)s",
        known=country_name(str(f.get("value"))),
        country=country_name(str(f.get("subject"))),
    ),
    "country_lacking": lambda f: _(
        "No knowledge of %(countries)s or the region", countries=_countries(f.get("wanted"))
    ),
    "countries_unknown": lambda f: _(
        "No countries given; the need is about %(countries)s",
        countries=_countries(f.get("wanted")),
    ),
    "hours": _hours,
    "hours_unknown": lambda f: _(
        "Hours a month not given (need: %(needed)s)", needed=_get(f, "wanted", "hours_needed")
    ),
    "period": lambda f: _("Available %(available)s", available=_period(f.get("value"))),
    "period_unknown": lambda f: _("Availability period not given"),
    "travel": lambda f: _(
        "Travel: %(mode)s; need: %(wanted)s",
        mode=_travel(f.get("value")),
        wanted=_travel(f.get("wanted")),
    ),
    "travel_unknown": lambda f: _(
        "Travel not given; need: %(wanted)s", wanted=_travel(f.get("wanted"))
    ),
}


def _reason_language(r: dict) -> str:
    values = {
        "language": language_name(str(r.get("subject") or "")),
        "min": _lang_level(_get(r, "wanted", "min_level")),
        "level": _lang_level(_get(r, "value", "level")),
    }
    if _get(r, "value", "level") in (None, ""):
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


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def describe_factor(factor: dict) -> str:
    """One explanation factor as a sentence with its points, e.g. "Kender Kenya (+8)"."""
    kind = str(_get(factor, "factor", "kind") or "")
    describe = _FACTORS.get(kind)
    text = describe(factor) if describe else str(factor.get("text") or kind)
    points = format_points(factor.get("points"), factor.get("max_points"))
    return _capitalise(f"{text} ({points})" if points and describe else text)


def describe_reason(reason: dict) -> str:
    """One exclusion reason as a sentence, e.g. "Kræver engelsk på mindst B2; taler det ikke"."""
    kind = str(_get(reason, "reason", "kind") or "")
    describe = _REASONS.get(kind)
    return _capitalise(describe(reason) if describe else str(reason.get("text") or kind))


def split_factors(explanation: Iterable[dict] | None) -> tuple[list[dict], list[dict]]:
    """Factors that gave points (best first), and those that gave none (missing or weak)."""
    factors = [f for f in explanation or [] if isinstance(f, dict)]

    def points(f: dict) -> float:
        try:
            return float(f.get("points") or 0)
        except (TypeError, ValueError):
            return 0.0

    gains = sorted((f for f in factors if points(f) > 0), key=points, reverse=True)
    return gains, [f for f in factors if points(f) <= 0]


def format_score(score: object) -> str:
    """A score 0–100 with one decimal in the user's locale ("87,5" in Danish)."""
    try:
        return format_decimal(float(score), format="0.0")
    except (TypeError, ValueError):
        return "–"
