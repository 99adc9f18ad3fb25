"""Project and need operations: create, update (refusing stale edits), and the page queries."""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.orm import selectinload

from crm.database import utcnow
from crm.extensions import db
from crm.locking import refuse_stale
from crm.matching.levels import LANGUAGE_LEVELS, TRAVEL_MODES
from crm.names import is_country, is_language
from crm.projects.models import (
    Need,
    NeedCountry,
    NeedLanguage,
    NeedSkill,
    NeedStatus,
    Project,
    ProjectCountry,
    ProjectStatus,
)

# "Is this need open": the ONE definition, as a SQL condition and a Python predicate side by side.
# A need is open (matched, offered, and its matches may move on) when its own status is open and
# its project is not closed; for the public (volunteers, anonymous) the project must be active.


def _project_ok(status: str, public: bool) -> bool:
    return status == ProjectStatus.ACTIVE if public else status != ProjectStatus.CLOSED


def need_open_condition(public: bool = False) -> ColumnElement[bool]:
    """SQL: the need is open and its project is not closed (active, if public); twin below."""
    project_ok = (
        Project.status == ProjectStatus.ACTIVE if public else Project.status != ProjectStatus.CLOSED
    )
    return and_(
        Need.status == NeedStatus.OPEN,
        Need.project_id.in_(select(Project.id).where(project_ok)),
    )


def need_is_open(need: Need, public: bool = False) -> bool:
    """The need is open and its project is not closed (twin of need_open_condition)."""
    return need.status == NeedStatus.OPEN and _project_ok(need.project.status, public)


@dataclass(frozen=True)
class ProjectData:
    """The editable fields of a project."""

    title: str
    summary: str = ""
    partners: str = ""
    danish_partners: str = ""
    funder: str = ""
    budget_line: str = ""
    start_date: date | None = None
    end_date: date | None = None
    status: str = ProjectStatus.PLANNING
    countries: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SkillRequirement:
    """A taxonomy area with minimum level 1–4 and weight 1–5."""

    area: str
    min_level: int = 1
    weight: int = 3


@dataclass(frozen=True)
class LanguageRequirement:
    """An ISO 639-1 language with a minimum CEFR level (or native), required or preferred."""

    code: str
    min_level: str = "B2"
    required: bool = True


@dataclass(frozen=True)
class NeedData:
    """The editable fields of a need with its requirements."""

    title: str
    description: str = ""
    skills: list[SkillRequirement] = field(default_factory=list)
    languages: list[LanguageRequirement] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)
    period_from: date | None = None
    period_to: date | None = None
    hours_per_month: int | None = None
    travel: str | None = None
    seats: int = 1
    deadline: date | None = None
    status: str = NeedStatus.OPEN


def _check_period(start: date | None, end: date | None) -> None:
    if start and end and end < start:
        raise ValueError("period ends before it starts")


def _check_countries(codes: list[str]) -> None:
    bad = [c for c in codes if not is_country(c)]
    if bad:
        raise ValueError(f"unknown country codes {bad}")


def _check_project(data: ProjectData) -> None:
    if data.status not in set(ProjectStatus):
        raise ValueError(f"unknown project status {data.status!r}")
    _check_period(data.start_date, data.end_date)
    _check_countries(data.countries)


def _check_need(data: NeedData) -> None:
    if data.status not in set(NeedStatus):
        raise ValueError(f"unknown need status {data.status!r}")
    if data.travel is not None and data.travel not in TRAVEL_MODES:
        raise ValueError(f"unknown travel mode {data.travel!r}")
    _check_period(data.period_from, data.period_to)
    _check_countries(data.countries)
    for skill in data.skills:
        if not (1 <= skill.min_level <= 4 and 1 <= skill.weight <= 5):
            raise ValueError(f"bad level or weight for {skill.area!r}")
    for language in data.languages:
        if not is_language(language.code) or language.min_level not in LANGUAGE_LEVELS:
            raise ValueError(f"bad language requirement {language.code!r}")


def _sync_countries(existing: list, codes: list[str], model: type) -> list:
    """Keep the rows of countries still chosen, add new ones (the rest are deleted as orphans)."""
    kept = {row.code: row for row in existing}
    return [kept.get(code) or model(code=code) for code in sorted(set(codes))]


def _apply_project(project: Project, data: ProjectData) -> None:
    project.title = data.title
    project.summary = data.summary
    project.partners = data.partners
    project.danish_partners = data.danish_partners
    project.funder = data.funder
    project.budget_line = data.budget_line
    project.start_date = data.start_date
    project.end_date = data.end_date
    project.status = data.status
    project.countries = _sync_countries(project.countries, data.countries, ProjectCountry)


def create_project(data: ProjectData) -> Project:
    """Add a project; the caller commits."""
    _check_project(data)
    project = Project()
    with db.session.no_autoflush:
        _apply_project(project, data)
    db.session.add(project)
    db.session.flush()
    return project


def update_project(project: Project, data: ProjectData, seen_version: object) -> Project:
    """Save changes to a project unless someone else saved it since `seen_version` (StaleEdit)."""
    with refuse_stale(project, seen_version):
        _check_project(data)
        with db.session.no_autoflush:  # one UPDATE, so the version goes up by exactly one
            _apply_project(project, data)
            project.updated_at = utcnow()  # bumps the version also when only countries changed
        db.session.flush()
    return project


def _apply_need(need: Need, data: NeedData) -> None:
    need.title = data.title
    need.description = data.description
    need.period_from = data.period_from
    need.period_to = data.period_to
    need.hours_per_month = data.hours_per_month
    need.travel = data.travel
    need.seats = data.seats
    need.deadline = data.deadline
    need.status = data.status
    need.skills = [
        NeedSkill(area=s.area, min_level=s.min_level, weight=s.weight) for s in data.skills
    ]
    need.languages = [
        NeedLanguage(code=lang.code, min_level=lang.min_level, required=lang.required)
        for lang in data.languages
    ]
    need.countries = _sync_countries(need.countries, data.countries, NeedCountry)


def create_need(project: Project, data: NeedData) -> Need:
    """Add a need to a project; the caller commits."""
    _check_need(data)
    need = Need(project=project)
    with db.session.no_autoflush:
        _apply_need(need, data)
    db.session.add(need)
    db.session.flush()
    return need


def update_need(need: Need, data: NeedData, seen_version: object) -> Need:
    """Save changes to a need and its requirements unless someone else saved it meanwhile."""
    with refuse_stale(need, seen_version):
        _check_need(data)
        with db.session.no_autoflush:  # one UPDATE, so the version goes up by exactly one
            _apply_need(need, data)
            need.updated_at = utcnow()  # bumps the version also when only requirements changed
        db.session.flush()
    return need


def active_project_countries() -> list[str]:
    """The countries of the active projects, those with most projects first, then by code."""
    rows = db.session.execute(
        select(ProjectCountry.code)
        .join(Project, Project.id == ProjectCountry.project_id)
        .where(Project.status == ProjectStatus.ACTIVE)
        .group_by(ProjectCountry.code)
        .order_by(func.count().desc(), ProjectCountry.code)
    )
    return list(rows.scalars())


def projects_with_need_counts(status: str | None = None) -> list[tuple[Project, int, int]]:
    """Every project (optionally of one status) with its number of open needs and of all needs."""
    counts = (
        select(
            Need.project_id,
            func.count(Need.id).label("total"),
            func.sum(case((Need.status == NeedStatus.OPEN, 1), else_=0)).label("open"),
        )
        .group_by(Need.project_id)
        .subquery()
    )
    stmt = (
        select(Project, func.coalesce(counts.c.open, 0), func.coalesce(counts.c.total, 0))
        .outerjoin(counts, counts.c.project_id == Project.id)
        .options(selectinload(Project.countries))
        .order_by(
            case(
                (Project.status == ProjectStatus.ACTIVE, 0),
                (Project.status == ProjectStatus.PLANNING, 1),
                else_=2,
            ),
            Project.title,
        )
    )
    if status:
        stmt = stmt.where(Project.status == status)
    return [(p, int(o), int(t)) for p, o, t in db.session.execute(stmt)]


def project_with_needs(project_id: int) -> Project | None:
    """A project with its countries and every need with its requirements, in few queries."""
    stmt = (
        select(Project)
        .where(Project.id == project_id)
        .options(
            selectinload(Project.countries),
            selectinload(Project.needs).selectinload(Need.skills),
            selectinload(Project.needs).selectinload(Need.languages),
            selectinload(Project.needs).selectinload(Need.countries),
        )
    )
    return db.session.scalar(stmt)


def need_with_requirements(need_id: int) -> Need | None:
    """A need with its project and requirements."""
    stmt = (
        select(Need)
        .where(Need.id == need_id)
        .options(
            selectinload(Need.project),
            selectinload(Need.skills),
            selectinload(Need.languages),
            selectinload(Need.countries),
        )
    )
    return db.session.scalar(stmt)
