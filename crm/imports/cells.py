"""Reading one cell of a spreadsheet: text, a date, a phone number, a list, a language."""

import re
from datetime import date, datetime

import phonenumbers

from crm.imports.reading import CellValue

DATE_FORMATS = ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y")

LEVEL_WORDS = {
    "modersmål": "native",
    "native": "native",
    "flydende": "C1",
    "fluent": "C1",
    "god": "B2",
    "good": "B2",
    "basis": "A2",
    "basic": "A2",
}
DEFAULT_LANGUAGE_LEVEL = "B1"
"""The level of a language named without one; the person corrects it when they claim the
profile (docs/import.md)."""
SPLIT = re.compile(r"\s*(?:[,;/]|\bog\b|\band\b|&)\s*", re.IGNORECASE)
LEVEL = re.compile(r"[\s(:-]*\b([abc][12])\b\)?", re.IGNORECASE)


def cell_text(value: CellValue) -> str:
    """A cell as one line of text (a whole number without ".0", a date in ISO form)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return " ".join(str(value).split())


def parse_date(value: CellValue) -> date:
    """A cell as a date: an XLSX date, or text like 31-12-1980, 31.12.1980 or 1980-12-31."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(text)


def parse_phone(value: CellValue) -> str:
    """A phone number in E.164 ("+4512345678"); a number without a country code is Danish."""
    text = cell_text(value)
    try:
        number = phonenumbers.parse(text, "DK")
    except phonenumbers.NumberParseException as error:
        raise ValueError(text) from error
    if not phonenumbers.is_possible_number(number):
        raise ValueError(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def split_items(text: str) -> list[str]:
    return [item for item in SPLIT.split(text) if item.strip()]


def parse_language(item: str, names: dict[str, str]) -> tuple[str, str] | None:
    """("en", "C1") for "engelsk C1", "English (fluent)" or "en"; None when unknown."""
    level = DEFAULT_LANGUAGE_LEVEL
    words = item.casefold().replace("(", " ").replace(")", " ").split()
    found = LEVEL.search(item)
    if found:
        level = found.group(1).upper()
        words = [w for w in words if w.upper() != level]
    for word in list(words):
        if word in LEVEL_WORDS:
            level = LEVEL_WORDS[word]
            words.remove(word)
    code = names.get(" ".join(words))
    return (code, level) if code else None
