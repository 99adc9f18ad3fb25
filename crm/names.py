"""Country and language names in the user's locale, from Babel's CLDR data."""

from collections.abc import Iterable
from functools import cache

from babel import Locale
from babel.languages import get_official_languages
from flask_babel import get_locale

# CLDR territory codes that are groupings or placeholders, not countries.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB"})


def _locale() -> Locale:
    return get_locale() or Locale("da")


@cache
def _countries(locale_code: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(locale_code).territories
    pairs = [(c, n) for c, n in names.items() if len(c) == 2 and c.isalpha()]
    return tuple(sorted((p for p in pairs if p[0] not in _NOT_COUNTRIES), key=lambda p: p[1]))


@cache
def _languages(locale_code: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(locale_code).languages
    pairs = [(c, n) for c, n in names.items() if len(c) == 2 and c.isalpha()]
    return tuple(sorted(pairs, key=lambda p: p[1].casefold()))


def country_choices() -> list[tuple[str, str]]:
    """(ISO 3166 alpha-2 code, name) pairs sorted by name in the user's language."""
    return list(_countries(str(_locale())))


def language_choices() -> list[tuple[str, str]]:
    """(ISO 639-1 code, name) pairs sorted by name in the user's language."""
    return list(_languages(str(_locale())))


def is_country(code: str) -> bool:
    """True for a known ISO 3166 alpha-2 country code."""
    return code in _country_names("en")


def is_language(code: str) -> bool:
    """True for a known ISO 639-1 language code."""
    return code in _language_names("en")


@cache
def _country_names(locale_code: str) -> dict[str, str]:
    return dict(_countries(locale_code))


@cache
def _language_names(locale_code: str) -> dict[str, str]:
    return dict(_languages(locale_code))


def country_name(code: str) -> str:
    """The country's name in the user's language, or the code when unknown."""
    return _country_names(str(_locale())).get(code, code)


def language_name(code: str) -> str:
    """The language's name in the user's language, or the code when unknown."""
    return _language_names(str(_locale())).get(code, code)


COMMON_LANGUAGES: tuple[str, ...] = ("da", "en", "fr", "es", "ru", "ar", "de", "pt")
"""Danish and English, then the languages the department's partners most often work in."""


def likely_languages(countries: Iterable[str] = ()) -> list[str]:
    """The languages to offer first: Danish, English, the (de facto) official languages of
    `countries` in their order, then the other common ones; each once, known codes only."""
    codes = list(COMMON_LANGUAGES[:2])
    for country in countries:
        codes.extend(get_official_languages(country, de_facto=True))
    codes.extend(COMMON_LANGUAGES[2:])
    return [c for c in dict.fromkeys(codes) if is_language(c)]
