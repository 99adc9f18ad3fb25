"""What the public sees of projects: active projects, their open needs, and the needs' filters."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, func, or_, select, true
from sqlalchemy.orm import selectinload

from crm.extensions import db
from crm.projects.models import (
    Need,
    NeedCountry,
    NeedSkill,
    Project,
    ProjectCountry,
    ProjectStatus,
)
from crm.projects.services import need_open_condition

REMOTE = "remote"
"""The travel mode of a need that can be done from home."""

# "The countries of a need": its own, or its project's when it names none. The ONE definition, as
# a SQL condition and a Python twin side by side (the twin is handed to templates).


def need_in_country_condition(code: str) -> ColumnElement[bool]:
    """SQL: the need names the country, or names none and its project works there."""
    projects_there = select(ProjectCountry.project_id).where(ProjectCountry.code == code)
    return or_(
        Need.id.in_(select(NeedCountry.need_id).where(NeedCountry.code == code)),
        and_(Need.id.not_in(select(NeedCountry.need_id)), Need.project_id.in_(projects_there)),
    )


def need_countries(need: Need) -> list[str]:
    """The need's country codes, or its project's when it names none (twin of the above)."""
    return [row.code for row in (need.countries or need.project.countries)]


@dataclass(frozen=True)
class NeedFilter:
    """The public filters of open needs; None (or False) means "any"."""

    area: str | None = None
    country: str | None = None
    remote: bool = False

    @property
    def active(self) -> bool:
        """Whether any filter is chosen."""
        return bool(self.area or self.country or self.remote)

    def condition(self) -> ColumnElement[bool]:
        """SQL on Need: the open need passes every chosen filter."""
        parts = []
        if self.area:
            parts.append(Need.id.in_(select(NeedSkill.need_id).where(NeedSkill.area == self.area)))
        if self.country:
            parts.append(need_in_country_condition(self.country))
        if self.remote:
            parts.append(Need.travel == REMOTE)
        return and_(true(), *parts)

    def args(self) -> dict[str, str]:
        """The chosen filters as URL parameters, to carry them from page to page."""
        args = {"area": self.area or "", "country": self.country or "", "remote": "1" * self.remote}
        return {name: value for name, value in args.items() if value}


@dataclass(frozen=True)
class PublicProject:
    """An active project with its open needs that pass the filter, nearest deadline first."""

    project: Project
    needs: list[Need]
    open_count: int
    """How many open needs the project has in all, whatever the filter."""


def by_deadline(need: Need) -> tuple[bool, date, int]:
    """Sort key: the nearest deadline first, needs without one last, then the oldest need."""
    return (need.deadline is None, need.deadline or date.max, need.id)


def _open_counts(project_ids: list[int]) -> dict[int, int]:
    rows = db.session.execute(
        select(Need.project_id, func.count(Need.id))
        .where(Need.project_id.in_(project_ids), need_open_condition(public=True))
        .group_by(Need.project_id)
    )
    return {project_id: count for project_id, count in rows}


def _load(where: ColumnElement[bool], needs: NeedFilter) -> list[PublicProject]:
    """Active projects matching `where`, each with its open needs that pass `needs`."""
    shown = Project.needs.and_(need_open_condition(public=True), needs.condition())
    stmt = (
        select(Project)
        .where(Project.status == ProjectStatus.ACTIVE, where)
        .options(
            selectinload(Project.countries),
            selectinload(shown).selectinload(Need.skills),
            selectinload(shown).selectinload(Need.languages),
            selectinload(shown).selectinload(Need.countries),
        )
        .order_by(Project.title)
    )
    projects = list(db.session.scalars(stmt))
    counts = _open_counts([p.id for p in projects])
    return [
        PublicProject(p, sorted(p.needs, key=by_deadline), counts.get(p.id, 0)) for p in projects
    ]


def public_projects(needs: NeedFilter = NeedFilter()) -> list[PublicProject]:
    """The active projects; with a filter, only those with an open need that passes it."""
    found = _load(true(), needs)
    return [p for p in found if p.needs] if needs.active else found


def public_project(project_id: int, needs: NeedFilter = NeedFilter()) -> PublicProject | None:
    """One active project with its open needs that pass the filter; None when it is not public."""
    found = _load(Project.id == project_id, needs)
    return found[0] if found else None


@dataclass(frozen=True)
class FilterChoices:
    """The values worth offering in the filters: those of the open public needs."""

    areas: list[str]
    countries: list[str]


def filter_choices(project_id: int | None = None) -> FilterChoices:
    """The skill areas and countries of the open public needs (of one project, if given)."""
    needs = select(Need.id).where(need_open_condition(public=True))
    if project_id is not None:
        needs = needs.where(Need.project_id == project_id)
    areas = select(NeedSkill.area).where(NeedSkill.need_id.in_(needs)).distinct()
    own = select(NeedCountry.code).where(NeedCountry.need_id.in_(needs))
    without_own = needs.where(Need.id.not_in(select(NeedCountry.need_id)))
    inherited = select(ProjectCountry.code).where(
        ProjectCountry.project_id.in_(select(Need.project_id).where(Need.id.in_(without_own)))
    )
    countries = db.session.scalars(own.union(inherited))
    return FilterChoices(sorted(db.session.scalars(areas)), sorted(set(countries)))
