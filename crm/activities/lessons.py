"""The lessons library: every debrief, searched by project, country, skill area and free text.

For the consultant only. A country matches when it is one of the need's or of its project's
countries; a skill area when the need asks for it. Free text: every word typed must occur in
one of the three texts (case-insensitive). Debriefs of erased people have no texts left: they
are not listed, but their "would go again" is still counted in the summary.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, func, or_, select

from crm.activities.models import Debrief, WouldGoAgain
from crm.activities.shared_debriefs import is_shown_to_next
from crm.database import like_escape
from crm.extensions import db
from crm.pagination import Page, offset
from crm.projects.models import Need, NeedCountry, NeedSkill, Project, ProjectCountry
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition

PER_PAGE = 20
MAX_WORDS = 8
"""At most this many words of the free text are searched for (each is a LIKE on three texts)."""


@dataclass(frozen=True)
class LessonFilters:
    """What the library can be searched by, as read from the URL."""

    project_id: int | None = None
    country: str = ""
    area: str = ""
    q: str = ""
    would_go_again: str = ""


@dataclass(frozen=True)
class Lesson:
    """One debrief as the library lists it."""

    debrief: Debrief
    need: Need
    project_title: str
    volunteer_id: int
    volunteer_name: str
    shown_to_next: bool
    """The next volunteer on the need can read it now (crm/activities/shared_debriefs.py)."""


def _spellings(word: str) -> set[str]:
    """The word lower-case, upper-case and capitalised: SQLite folds the case of ASCII letters
    only, so "ÆRØ" finds "Ærø" only when that spelling is tried too (PostgreSQL folds all)."""
    return {word.lower(), word.upper(), word.capitalize()}


def _text_condition(q: str) -> ColumnElement[bool]:
    words = q.split()[:MAX_WORDS]
    texts = (Debrief.what_worked, Debrief.what_did_not, Debrief.advice)
    return and_(
        *(
            or_(
                *(
                    t.ilike(f"%{like_escape(spelling)}%", escape="\\")
                    for t in texts
                    for spelling in sorted(_spellings(w))
                )
            )
            for w in words
        )
    )


def _conditions(filters: LessonFilters) -> list[ColumnElement[bool]]:
    """The filters as SQL on Debrief (the need and project are reached by their ids)."""
    conditions: list[ColumnElement[bool]] = []
    if filters.project_id is not None:
        conditions.append(Debrief.project_id == filters.project_id)
    if filters.country:
        conditions.append(
            or_(
                exists().where(
                    NeedCountry.need_id == Debrief.need_id, NeedCountry.code == filters.country
                ),
                exists().where(
                    ProjectCountry.project_id == Debrief.project_id,
                    ProjectCountry.code == filters.country,
                ),
            )
        )
    if filters.area:
        conditions.append(
            exists().where(NeedSkill.need_id == Debrief.need_id, NeedSkill.area == filters.area)
        )
    if filters.q.strip():
        conditions.append(_text_condition(filters.q))
    if filters.would_go_again in set(WouldGoAgain):
        conditions.append(Debrief.would_go_again == filters.would_go_again)
    return conditions


def search(filters: LessonFilters, page: int) -> Page[Lesson]:
    """One page of the debriefs that match, newest first (erased people's left out)."""
    conditions = [*_conditions(filters), not_erased_condition()]
    total = db.session.scalar(
        select(func.count(Debrief.id))
        .join(Volunteer, Volunteer.id == Debrief.volunteer_id)
        .where(*conditions)
    )
    rows = db.session.execute(
        select(Debrief, Need, Project.title, Volunteer)
        .join(Volunteer, Volunteer.id == Debrief.volunteer_id)
        .join(Need, Need.id == Debrief.need_id)
        .join(Project, Project.id == Debrief.project_id)
        .where(*conditions)
        .order_by(Debrief.updated_at.desc(), Debrief.id.desc())
        .limit(PER_PAGE)
        .offset(offset(page, PER_PAGE))
    ).all()
    items = [
        Lesson(d, n, title, v.id, v.full_name or v.email, is_shown_to_next(d, v))
        for d, n, title, v in rows
    ]
    return Page(items, page, PER_PAGE, total or 0)


def would_go_again_counts(filters: LessonFilters) -> dict[str, int]:
    """How many debriefs that match the filters say yes, maybe and no; erased people's count
    too (their answer is all that is kept), except under a free-text search."""
    rows = db.session.execute(
        select(Debrief.would_go_again, func.count(Debrief.id))
        .where(*_conditions(filters))
        .group_by(Debrief.would_go_again)
    ).all()
    found = dict(rows)
    return {str(answer): found.get(str(answer), 0) for answer in WouldGoAgain}
