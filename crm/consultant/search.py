"""Finding volunteers fast: every filter in indexed SQL, names typo-tolerant through rapidfuzz.

Names are looked up in two passes. First SQL: every word typed must begin the first or the last
name (or the whole name must contain the text). Only when that finds nobody does the fuzzy pass
run: rapidfuzz compares the text with an in-memory index of all names (id and "first last",
about 30 bytes a volunteer), built once per process and rebuilt only when the volunteer table
changes (its row count, highest id or latest update differ), so a search among 100,000
volunteers costs one cheap SQL aggregate and a few tens of milliseconds of rapidfuzz.
"""

import threading
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process, utils
from sqlalchemy import Select, and_, case, exists, func, or_, select

from crm.extensions import db
from crm.matches.models import Match
from crm.matching.levels import LANGUAGE_LEVELS, TRAVEL_MODES
from crm.volunteers.models import Volunteer, VolunteerCountry, VolunteerLanguage, VolunteerSkill

FUZZY_LIMIT = 200
"""At most this many fuzzy name hits, best first."""

FUZZY_CUTOFF = 75
"""The lowest rapidfuzz WRatio (0–100) that counts as a hit ("Mete Hansn" → "Mette Hansen")."""

SORTS = ("relevance", "name", "newest", "oldest", "updated")


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
    sort: str = "relevance"


@dataclass
class SearchPlan:
    """The SQL select of a search and whether names were matched fuzzily."""

    stmt: Select
    fuzzy: bool


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def name_condition(q: str):
    """SQL: each word begins the first or last name, or the full name contains the text."""
    words = q.casefold().split()
    full = func.lower(Volunteer.first_name + " " + Volunteer.last_name)
    per_word = [
        or_(
            func.lower(Volunteer.first_name).like(_like_escape(w) + "%", escape="\\"),
            func.lower(Volunteer.last_name).like(_like_escape(w) + "%", escape="\\"),
        )
        for w in words
    ]
    return or_(and_(*per_word), full.like("%" + _like_escape(q.casefold()) + "%", escape="\\"))


class NameIndex:
    """All volunteers' names in memory for rapidfuzz, rebuilt when the table changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple | None = None
        self._ids: list[int] = []
        self._names: list[str] = []

    def _signature(self) -> tuple:
        return tuple(
            db.session.execute(
                select(func.count(), func.max(Volunteer.id), func.max(Volunteer.updated_at))
            ).one()
        ) + (str(db.engine.url),)

    def search(self, q: str, limit: int = FUZZY_LIMIT) -> list[tuple[int, float]]:
        """(volunteer id, score) of the names closest to q, best first, ties by id."""
        key = self._signature()
        with self._lock:
            if key != self._key:
                rows = db.session.execute(
                    select(Volunteer.id, Volunteer.first_name, Volunteer.last_name)
                ).all()
                self._ids = [r[0] for r in rows]
                self._names = [utils.default_process(f"{r[1]} {r[2]}") for r in rows]
                self._key = key
            ids, names = self._ids, self._names
        hits = process.extract(
            utils.default_process(q),
            names,
            scorer=fuzz.WRatio,
            processor=None,
            limit=limit,
            score_cutoff=FUZZY_CUTOFF,
        )
        return sorted(((ids[i], score) for _, score, i in hits), key=lambda h: (-h[1], h[0]))


name_index = NameIndex()


def _filtered(stmt: Select, f: VolunteerFilters) -> Select:
    if f.email:
        stmt = stmt.where(
            func.lower(Volunteer.email).like(
                "%" + _like_escape(f.email.strip().casefold()) + "%", escape="\\"
            )
        )
    if f.branch_id:
        stmt = stmt.where(Volunteer.branch_id == f.branch_id)
    if f.area:
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
    if f.country:
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
    if f.state:
        stmt = stmt.where(
            exists().where(Match.volunteer_id == Volunteer.id, Match.state == f.state)
        )
    return stmt


def _ordered(stmt: Select, sort: str, ranks: dict[int, int] | None) -> Select:
    if sort == "newest":
        return stmt.order_by(Volunteer.created_at.desc(), Volunteer.id.desc())
    if sort == "oldest":
        return stmt.order_by(Volunteer.created_at, Volunteer.id)
    if sort == "updated":
        return stmt.order_by(Volunteer.updated_at.desc(), Volunteer.id.desc())
    if sort == "relevance" and ranks:
        return stmt.order_by(case(ranks, value=Volunteer.id, else_=len(ranks)), Volunteer.id)
    return stmt.order_by(Volunteer.last_name, Volunteer.first_name, Volunteer.id)


def plan_search(f: VolunteerFilters) -> SearchPlan:
    """The select for these filters; a name nobody has exactly is looked up fuzzily."""
    q = " ".join(f.q.split())
    base = _filtered(select(Volunteer), f)
    if not q:
        return SearchPlan(_ordered(base, f.sort, None), fuzzy=False)
    exact = base.where(name_condition(q))
    if db.session.scalar(select(exact.with_only_columns(Volunteer.id).limit(1).exists())):
        return SearchPlan(_ordered(exact, f.sort, None), fuzzy=False)
    hits = name_index.search(q)
    ranks = {vid: rank for rank, (vid, _score) in enumerate(hits)}
    fuzzy = base.where(Volunteer.id.in_(list(ranks) or [-1]))
    return SearchPlan(_ordered(fuzzy, f.sort, ranks), fuzzy=True)
