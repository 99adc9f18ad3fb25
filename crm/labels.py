"""Translated labels for the domain's scales and skill areas, in the user's language.

The scales themselves (their codes and their order) are the engine's, in crm.matching.levels; the
engine speaks English only, so the words people read live here, once, for every area of the app.
"""

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from crm.matching.levels import LANGUAGE_LEVELS
from crm.matching.taxonomy import load_taxonomy

EXPERIENCE_LABELS = {
    1: _l("Interested / basic"),
    2: _l("Some experience"),
    3: _l("Experienced"),
    4: _l("Expert, has led it"),
}
"""Each experience level in words."""

NUMBERED_EXPERIENCE_LABELS = {
    level: _l("%(level)d – %(label)s", level=level, label=label)
    for level, label in EXPERIENCE_LABELS.items()
}
"""Each experience level with its number, e.g. "3 – Experienced" (for a minimum level)."""

LANGUAGE_LEVEL_LABELS = {
    "A1": _l("A1 – beginner"),
    "A2": _l("A2 – elementary"),
    "B1": _l("B1 – intermediate"),
    "B2": _l("B2 – upper intermediate"),
    "C1": _l("C1 – advanced"),
    "C2": _l("C2 – fluent"),
    "native": _l("Native language"),
}
"""Each language level explained, for choosing how well one speaks a language."""

SHORT_LANGUAGE_LEVEL_LABELS = {level: level for level in LANGUAGE_LEVELS} | {"native": _l("Native")}
"""Each language level as written after a language name: the CEFR code, or "Native"."""

TRAVEL_LABELS = {
    "remote": _l("Remote only"),
    "short": _l("Short trips (up to two weeks)"),
    "long": _l("Longer stays (over two weeks)"),
}
"""Each travel mode in a few words."""

TRAVEL_CHOICE_LABELS = {
    "remote": _l("Remote only: I help from home, online or by phone"),
    "short": _l("Short trips: I can travel for up to two weeks at a time"),
    "long": _l("Longer stays: I can stay abroad for more than two weeks (short trips too)"),
}
"""Each travel mode in the volunteer's own words, for choosing one."""


def language_level_label(code: str | None) -> str:
    """A language level as written after a language name: "B2", or "Native" translated."""
    return str(SHORT_LANGUAGE_LEVEL_LABELS.get(code, code)) if code else ""


def travel_label(code: str | None) -> str:
    """A travel mode in a few words in the user's language; "" for none."""
    return str(TRAVEL_LABELS.get(code, code)) if code else ""


def locale_code() -> str:
    """The user's interface language as a plain code ("da" or "en")."""
    return str(get_locale() or "da")


def spoken_list(items: list[str]) -> str:
    """Words joined as the user's language joins them ("Anna, Bo og Cia")."""
    return format_list(items, locale=locale_code()) if items else ""


def skill_label(slug: str) -> str:
    """A taxonomy area's label in the user's language."""
    return load_taxonomy().label(slug, locale_code())


def skill_choices() -> list[tuple[str, str]]:
    """(slug, label) pairs of the taxonomy in the user's language, sorted by label."""
    return load_taxonomy().choices(locale_code())
