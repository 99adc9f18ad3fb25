"""Finding volunteers fast: every filter in indexed SQL, names typo-tolerant through rapidfuzz.

Names are looked up in two passes. First SQL: every word typed must begin the first or the last
name. Only when that finds nobody does the fuzzy pass run: rapidfuzz compares the text with an
in-memory index of all names (crm/consultant/name_index.py), kept on disk so that a fresh process
loads it in milliseconds and kept current from the database's change feed, so a search among
100,000 volunteers costs a few indexed queries and a few milliseconds of rapidfuzz.

Danish letters are folded on both sides: "Oestergaard" finds "Østergaard" and "Søren" finds
"Soeren" by SQL (each word is also tried with ae/oe/aa written as æ/ø/å and back), and the fuzzy
pass compares names written both ways, æ ø å as ae oe aa and as a o a, so "soren aero" finds
"Søren Ærø".
"""

import itertools
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, exists, func, or_, select

from crm.consultant.name_index import fold, name_index
from crm.database import like_escape
from crm.extensions import db
from crm.matches.interest import asked_condition
from crm.matches.labels import ASKED
from crm.matches.models import Match
from crm.matching.levels import LANGUAGE_LEVELS, TRAVEL_MODES
from crm.volunteers.models import Volunteer, VolunteerCountry, VolunteerLanguage, VolunteerSkill
from crm.volunteers.services import current_consent_condition, not_erased_condition

SORTS = ("relevance", "name", "newest", "oldest", "updated")

CONSENT_GIVEN, CONSENT_MISSING = "given", "missing"
"""The consent filter: accepted the consent text now in force, or not (never, or an older text)."""


@dataclass(frozen=True)
class VolunteerFilters:
    """Everything the volunteer search can filter on, as it arrives from the URL."""

    q: str = ""
    email: str = ""
    branch_id: int | None = None
    area: str = ""
    language: str = ""
    language_level: str = ""
    country: str = ""
    available_on: date | None = None
    travel: str = ""
    state: str = ""
    consent: str = ""
    sort: str = "relevance"


@dataclass
class SearchPlan:
    """The SQL select of a search, its row count, and whether names were matched fuzzily.

    The count is a separate statement: it starts from the volunteers with the chosen skill area
    or country (an indexed list, usually a few thousand), where the page's select walks the sort
    order and stops after one page. Counting through the page's select probed every volunteer.
    """

    stmt: Select
    fuzzy: bool
    count_stmt: Select | None = None


MAX_SPELLINGS = 2
"""At most this many ae/oe/aa in one word are tried both ways in SQL (each LIKE costs a scan)."""


def spellings(word: str) -> list[str]:
    """The ways a typed word may be written in the database: as typed, and with its first
    MAX_SPELLINGS ae/oe/aa (or æ/ø/å) written the other way, the letter in both cases at the
    start ("oester" → oester, øster, Øster)."""
    folded = fold(word)
    letters = {"ae": "æ", "oe": "ø", "aa": "å"}
    parts = [folded]
    for _ in range(MAX_SPELLINGS):
        last = parts[-1]
        hits = [(last.find(d), d) for d in letters if last.find(d) >= 0]
        if not hits:
            break
        at, digraph = min(hits)
        parts[-1:] = [last[:at], digraph, last[at + 2 :]]
    choices = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            choices.append([part])
        else:
            letter = letters[part]
            choices.append(
                [part, letter, letter.upper()] if i == 1 and not parts[0] else [part, letter]
            )
    found = {word.lower() if word.isascii() else word: word}
    for combination in itertools.product(*choices):
        spelling = "".join(combination)
        found.setdefault(spelling.lower() if spelling.isascii() else spelling, spelling)
    return sorted(found.values())  # ASCII spellings once: LIKE ignores their case


def _starts_with(column, word: str):
    """Case-insensitive prefix match that SQLite runs without calling lower() on every row."""
    pattern = like_escape(word) + "%"
    if db.engine.dialect.name == "sqlite":  # LIKE is case-insensitive (ASCII) on SQLite
        return column.like(pattern, escape="\\")
    return column.ilike(pattern, escape="\\")


def name_condition(q: str):
    """SQL: every word typed begins the first or the last name, in any of its spellings."""
    return and_(
        *(
            or_(
                *(
                    _starts_with(column, spelling)
                    for spelling in spellings(w)
                    for column in (Volunteer.first_name, Volunteer.last_name)
                )
            )
            for w in q.split()
        )
    )


def _filtered(stmt: Select, f: VolunteerFilters, drive: bool = False) -> Select:
    """Add the filters; with drive, skill area and country as id lists to start from (counts)."""
    stmt = stmt.where(not_erased_condition())
    if f.email:
        pattern = "%" + like_escape(f.email.strip()) + "%"
        if db.engine.dialect.name == "sqlite":
            stmt = stmt.where(Volunteer.email.like(pattern, escape="\\"))
        else:
            stmt = stmt.where(Volunteer.email.ilike(pattern, escape="\\"))
    if f.branch_id:
        stmt = stmt.where(Volunteer.branch_id == f.branch_id)
    if f.area and drive:
        stmt = stmt.where(
            Volunteer.id.in_(
                select(VolunteerSkill.volunteer_id).where(VolunteerSkill.area == f.area)
            )
        )
    elif f.area:
        stmt = stmt.where(
            exists().where(
                VolunteerSkill.volunteer_id == Volunteer.id, VolunteerSkill.area == f.area
            )
        )
    if f.language:
        conditions = [
            VolunteerLanguage.volunteer_id == Volunteer.id,
            VolunteerLanguage.code == f.language,
        ]
        if f.language_level in LANGUAGE_LEVELS:
            at_least = LANGUAGE_LEVELS[LANGUAGE_LEVELS.index(f.language_level) :]
            conditions.append(VolunteerLanguage.level.in_(at_least))
        stmt = stmt.where(exists().where(*conditions))
    if f.country and drive:
        stmt = stmt.where(
            Volunteer.id.in_(
                select(VolunteerCountry.volunteer_id).where(VolunteerCountry.code == f.country)
            )
        )
    elif f.country:
        stmt = stmt.where(
            exists().where(
                VolunteerCountry.volunteer_id == Volunteer.id, VolunteerCountry.code == f.country
            )
        )
    if f.available_on:
        stmt = stmt.where(
            or_(Volunteer.available_from.is_not(None), Volunteer.available_to.is_not(None)),
            or_(Volunteer.available_from.is_(None), Volunteer.available_from <= f.available_on),
            or_(Volunteer.available_to.is_(None), Volunteer.available_to >= f.available_on),
        )
    if f.travel in TRAVEL_MODES:
        # Whoever accepts long stays accepts short trips, and any traveller can work remotely.
        stmt = stmt.where(Volunteer.travel.in_(TRAVEL_MODES[TRAVEL_MODES.index(f.travel) :]))
    if f.state == ASKED:
        stmt = stmt.where(exists().where(Match.volunteer_id == Volunteer.id, asked_condition()))
    elif f.state:
        stmt = stmt.where(
            exists().where(Match.volunteer_id == Volunteer.id, Match.state == f.state)
        )
    if f.consent == CONSENT_GIVEN:
        stmt = stmt.where(current_consent_condition())
    elif f.consent == CONSENT_MISSING:
        stmt = stmt.where(~current_consent_condition())
    return stmt


def _ordered(
    stmt: Select, sort: str, ranks: dict[int, int] | None, selective: bool = False
) -> Select:
    if sort == "newest":
        return stmt.order_by(Volunteer.created_at.desc(), Volunteer.id.desc())
    if sort == "oldest":
        return stmt.order_by(Volunteer.created_at, Volunteer.id)
    if sort == "updated":
        return stmt.order_by(Volunteer.updated_at.desc(), Volunteer.id.desc())
    if sort == "relevance" and ranks:
        return stmt.order_by(case(ranks, value=Volunteer.id, else_=len(ranks)), Volunteer.id)
    if selective:
        # A name search matches few rows: sort those rather than walk the whole name index.
        return stmt.order_by(
            func.lower(Volunteer.last_name), func.lower(Volunteer.first_name), Volunteer.id
        )
    return stmt.order_by(Volunteer.last_name, Volunteer.first_name, Volunteer.id)


def plan_search(f: VolunteerFilters) -> SearchPlan:
    """The select for these filters, names matched by SQL prefixes (see fuzzy_plan)."""
    q = " ".join(f.q.split())
    stmt = _filtered(select(Volunteer), f)
    count_stmt = _filtered(select(func.count(Volunteer.id)), f, drive=True)
    if q:
        stmt = stmt.where(name_condition(q))
        count_stmt = count_stmt.where(name_condition(q))
    return SearchPlan(_ordered(stmt, f.sort, None, selective=bool(q)), False, count_stmt)


def fuzzy_plan(f: VolunteerFilters) -> SearchPlan | None:
    """The select with the name matched by rapidfuzz, for when plan_search finds nobody."""
    q = " ".join(f.q.split())
    if not q:
        return None
    hits = name_index.search(q)
    ranks = {vid: rank for rank, (vid, _score) in enumerate(hits)}
    found = Volunteer.id.in_(list(ranks) or [-1])
    stmt = _filtered(select(Volunteer), f).where(found)
    count_stmt = _filtered(select(func.count(Volunteer.id)), f).where(found)
    return SearchPlan(_ordered(stmt, f.sort, ranks, selective=True), True, count_stmt)


def best_plan(f: VolunteerFilters) -> SearchPlan:
    """plan_search, or fuzzy_plan when the name finds nobody by SQL (one extra EXISTS query)."""
    plan = plan_search(f)
    if f.q.strip() and not db.session.scalar(select(plan.stmt.order_by(None).exists())):
        return fuzzy_plan(f) or plan
    return plan
