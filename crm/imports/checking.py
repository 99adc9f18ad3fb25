"""Checking every row of a spreadsheet before anything is written: clean values or errors.

Each error names the row (its number in the spreadsheet), the field and a reason code; the page
and the error file put the reason in words in the reader's language (REASONS).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from babel import Locale
from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l
from rapidfuzz import fuzz, process
from sqlalchemy import func, select

from crm.auth.models import User, normalise_email
from crm.branches.models import Branch
from crm.control_characters import has_control_characters
from crm.extensions import db
from crm.imports.cells import (
    cell_text,
    parse_date,
    parse_language,
    parse_phone,
    split_items,
)
from crm.imports.reading import CellValue, Row, Table
from crm.volunteers.models import Volunteer
from crm.volunteers.services import availability_in_order

REASONS = {
    "missing_email": _l("No e-mail address."),
    "bad_email": _l("Not a valid e-mail address."),
    "same_email": _l("The same e-mail address as row %(row)s."),
    "missing_name": _l("No name."),
    "bad_phone": _l("Not a phone number we can read."),
    "bad_postcode": _l("Not a postcode."),
    "unknown_branch": _l("No branch has a name like “%(value)s”."),
    "ambiguous_branch": _l("“%(value)s” could be more than one branch."),
    "unknown_language": _l("Unknown language: “%(value)s”."),
    "unknown_country": _l("Unknown country: “%(value)s”."),
    "bad_date": _l("Not a date (write 31-12-2026, 31.12.2026 or 2026-12-31)."),
    "dates_order": _l("The end date must be after the start date."),
    "too_long": _l("Longer than %(max)s characters."),
    "control_characters": _l("Holds invisible control characters: type the cell again."),
}
"""What each reason code says, with its parameters."""

MAX_LENGTH = {
    "first_name": 80,
    "last_name": 80,
    "email": 254,
    "city": 80,
    "experience": 2000,
}
BRANCH_SCORE = 85
"""The least rapidfuzz ratio (0-100) at which a branch name in the file is taken as a branch."""


@dataclass(frozen=True)
class RowError:
    """What is wrong with one field of one row."""

    row: int
    field: str
    reason: str
    params: tuple[tuple[str, str], ...] = ()

    def text(self) -> str:
        """The reason in words, in the current language."""
        return str(REASONS[self.reason]) % dict(self.params)


@dataclass
class CleanRow:
    """A good row's values, as they will be stored."""

    number: int
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""
    city: str = ""
    branch_id: int | None = None
    experience: str = ""
    languages: list[tuple[str, str]] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    available_from: date | None = None
    available_to: date | None = None


@dataclass
class CheckResult:
    """Every row sorted into good, already registered (by e-mail) and bad."""

    total: int = 0
    good: list[CleanRow] = field(default_factory=list)
    already: list[int] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: list[CleanRow] = field(default_factory=list)
    """Every row's values as read, good or not (the preview shows them)."""

    @property
    def bad_rows(self) -> list[int]:
        return sorted({error.row for error in self.errors})


class Context:
    """What checking compares with: branches, language and country names, known addresses."""

    def __init__(self, branches: Iterable[tuple[int, str]]):
        self.branches = list(branches)
        common = self._common_words([name for _id, name in self.branches])
        self._branch_keys = {bid: self._branch_key(name, common) for bid, name in self.branches}
        self._common = common
        self._branch_cache: dict[str, tuple[int | None, str | None]] = {}
        self.languages = self._names("languages")
        self.countries = self._names("territories")

    @staticmethod
    def _common_words(names: list[str]) -> frozenset[str]:
        """Words in more than half of the branch names ("Socialdemokratiet", "i"): left out
        when comparing, so "Aarhus" finds "Socialdemokratiet i Aarhus"."""
        counts: dict[str, int] = {}
        for name in names:
            for word in set(name.casefold().split()):
                counts[word] = counts.get(word, 0) + 1
        return frozenset(w for w, n in counts.items() if len(names) > 2 and n > len(names) / 2)

    @staticmethod
    def _branch_key(name: str, common: frozenset[str]) -> str:
        words = [w for w in name.casefold().split() if w not in common]
        return " ".join(words) or name.casefold()

    @staticmethod
    def _names(kind: str) -> dict[str, str]:
        """Danish and English names (and the codes themselves), case-folded → code."""
        names: dict[str, str] = {}
        for locale in ("en", "da"):
            for code, name in getattr(Locale(locale), kind).items():
                if len(code) == 2 and code.isalpha():
                    names[name.casefold()] = code.upper() if kind == "territories" else code
                    names[code.casefold()] = code.upper() if kind == "territories" else code
        return names

    def branch(self, value: str) -> tuple[int | None, str | None]:
        """(branch id, None) for a name like a branch's, else (None, reason code)."""
        if value not in self._branch_cache:
            self._branch_cache[value] = self._find_branch(value)
        return self._branch_cache[value]

    def _find_branch(self, value: str) -> tuple[int | None, str | None]:
        for bid, name in self.branches:
            if name.casefold() == value.casefold():
                return bid, None
        words = set(value.casefold().split())
        holding = [bid for bid, name in self.branches if words <= set(name.casefold().split())]
        if words and len(holding) == 1:  # "Aarhus" in "Socialdemokratiet i Aarhus", however few
            return holding[0], None
        key = self._branch_key(value, self._common)
        found = process.extract(key, self._branch_keys, scorer=fuzz.ratio, limit=2)
        if not found or found[0][1] < BRANCH_SCORE:
            return None, "unknown_branch"
        if len(found) > 1 and found[1][1] >= BRANCH_SCORE and found[0][1] - found[1][1] < 5:
            return None, "ambiguous_branch"
        return found[0][2], None


def load_context() -> Context:
    """The branches as they are now."""
    return Context(db.session.execute(select(Branch.id, Branch.name).order_by(Branch.id)).all())


def registered_emails(emails: Iterable[str]) -> set[str]:
    """Which of these (normalised) addresses a volunteer or an account already has."""
    wanted = sorted(set(emails))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update(
            db.session.scalars(select(User.email).where(User.email.in_(chunk))),
        )
        found.update(
            db.session.scalars(
                select(func.lower(Volunteer.email)).where(func.lower(Volunteer.email).in_(chunk))
            )
        )
    return found


class _Row:
    """Reads one row's cells by field, collecting its errors. A cell holding a control
    character (a NUL byte, which PostgreSQL refuses, or another one no text field holds) is
    that field's one error, and reads as blank."""

    def __init__(self, row: Row, columns: dict[str, int]):
        self.row, self.columns, self.errors = row, columns, []
        self.unreadable: set[str] = set()

    def cell(self, key: str) -> CellValue:
        index = self.columns.get(key)
        value = None if index is None else self.row.cells[index]
        if isinstance(value, str) and has_control_characters(cell_text(value)):
            if key not in self.unreadable:
                self.error(key, "control_characters")
                self.unreadable.add(key)
            return None
        return value

    def text(self, key: str) -> str:
        value = cell_text(self.cell(key))
        limit = MAX_LENGTH.get(key)
        if limit is not None and len(value) > limit:
            self.error(key, "too_long", max=str(limit))
            return ""
        return value

    def error(self, key: str, reason: str, **params: str) -> None:
        if key in self.unreadable:
            return
        self.errors.append(RowError(self.row.number, key, reason, tuple(params.items())))


def _names(r: _Row, clean: CleanRow) -> None:
    clean.first_name, clean.last_name = r.text("first_name"), r.text("last_name")
    if not (clean.first_name or clean.last_name) and "full_name" in r.columns:
        full = cell_text(r.cell("full_name"))
        first, _sep, last = full.rpartition(" ")
        clean.first_name, clean.last_name = (first, last) if first else (last, "")
        if len(clean.first_name) > 80 or len(clean.last_name) > 80:
            r.error("full_name", "too_long", max="80")
    if not (clean.first_name or clean.last_name):
        r.error("full_name" if "full_name" in r.columns else "first_name", "missing_name")


def _email(r: _Row, clean: CleanRow) -> None:
    text = r.text("email")
    if not text:
        r.error("email", "missing_email")
        return
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        r.error("email", "bad_email")
        return
    clean.email = normalise_email(text)  # as every stored address, so lookups compare alike


def _contact(r: _Row, clean: CleanRow, ctx: Context) -> None:
    if cell_text(r.cell("phone")):
        try:
            clean.phone = parse_phone(r.cell("phone"))
        except ValueError:
            r.error("phone", "bad_phone")
    postcode = r.cell("postcode")
    if isinstance(postcode, int | float) and float(postcode).is_integer():
        postcode = str(int(postcode)).zfill(4)  # a spreadsheet drops the 0 of 0800
    postcode = cell_text(postcode)
    if postcode and not re.fullmatch(r"[0-9A-Za-z -]{3,10}", postcode):
        r.error("postcode", "bad_postcode")
    else:
        clean.postcode = postcode
    clean.city = r.text("city")
    branch = r.text("branch")
    if branch:
        clean.branch_id, reason = ctx.branch(branch)
        if reason:
            r.error("branch", reason, value=branch[:60])


def _lists(r: _Row, clean: CleanRow, ctx: Context) -> None:
    clean.experience = r.text("experience")
    for item in split_items(cell_text(r.cell("languages"))):
        language = parse_language(item, ctx.languages)
        if language is None:
            r.error("languages", "unknown_language", value=item[:40])
        elif language[0] not in dict(clean.languages):
            clean.languages.append(language)
    for item in split_items(cell_text(r.cell("countries"))):
        code = ctx.countries.get(item.casefold())
        if code is None:
            r.error("countries", "unknown_country", value=item[:40])
        elif code not in clean.countries:
            clean.countries.append(code)


def _dates(r: _Row, clean: CleanRow) -> None:
    for key in ("available_from", "available_to"):
        if cell_text(r.cell(key)):
            try:
                setattr(clean, key, parse_date(r.cell(key)))
            except ValueError:
                r.error(key, "bad_date")
    if not availability_in_order(clean.available_from, clean.available_to):
        r.error("available_to", "dates_order")


def check_row(row: Row, columns: dict[str, int], ctx: Context) -> tuple[CleanRow, list[RowError]]:
    """One row's clean values and its errors (no look-up of registered addresses)."""
    r, clean = _Row(row, columns), CleanRow(row.number)
    _names(r, clean)
    _email(r, clean)
    _contact(r, clean, ctx)
    _lists(r, clean, ctx)
    _dates(r, clean)
    return clean, r.errors


def column_indexes(table: Table, mapping: dict[str, str]) -> dict[str, int]:
    """Field key → the index of its column in this table."""
    return {key: table.headers.index(header) for key, header in mapping.items()}


def check_table(table: Table, mapping: dict[str, str], rows: int | None = None) -> CheckResult:
    """Check every row (or the first `rows`): good rows, rows already registered, errors.

    Same e-mail, same person: a row whose address a volunteer or account has is "already
    registered" (nothing of theirs is touched); a second row with the address of an earlier
    row in the file is an error naming that row.
    """
    ctx, columns = load_context(), column_indexes(table, mapping)
    selected = table.rows if rows is None else table.rows[:rows]
    result = CheckResult(total=len(selected))
    checked = [check_row(row, columns, ctx) for row in selected]
    known = registered_emails(clean.email for clean, errors in checked if clean.email)
    first_row: dict[str, int] = {}
    result.rows = [clean for clean, _errors in checked]
    for clean, errors in checked:
        if clean.email in first_row:
            errors.append(
                RowError(
                    clean.number, "email", "same_email", (("row", str(first_row[clean.email])),)
                )
            )
        elif clean.email:
            first_row[clean.email] = clean.number
        if errors:
            result.errors.extend(errors)
        elif clean.email in known:
            result.already.append(clean.number)
        else:
            result.good.append(clean)
    return result
