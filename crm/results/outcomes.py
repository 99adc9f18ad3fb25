"""Outcome areas and project targets: what the consultant edits that results are read against."""

from dataclasses import dataclass

from sqlalchemy import select

from crm.database import utcnow
from crm.extensions import db
from crm.locking import refuse_stale
from crm.projects.models import Project
from crm.results.models import OutcomeArea, ProjectTarget, TargetMeasure


@dataclass(frozen=True)
class OutcomeAreaData:
    """The editable fields of an outcome area."""

    name_da: str
    name_en: str
    description: str = ""
    position: int = 0
    active: bool = True


@dataclass(frozen=True)
class TargetData:
    """One target: a measure, optionally within an outcome area, and the value aimed at."""

    measure: str
    value: int
    outcome_area_id: int | None = None


def outcome_areas(active_only: bool = False) -> list[OutcomeArea]:
    """The outcome areas in their order (position, then id); optionally only the active ones."""
    stmt = select(OutcomeArea).order_by(OutcomeArea.position, OutcomeArea.id)
    if active_only:
        stmt = stmt.where(OutcomeArea.active.is_(True))
    return list(db.session.scalars(stmt))


def _apply_area(area: OutcomeArea, data: OutcomeAreaData) -> None:
    if not data.name_da or not data.name_en:
        raise ValueError("an outcome area needs a Danish and an English name")
    area.name_da = data.name_da
    area.name_en = data.name_en
    area.description = data.description
    area.position = data.position
    area.active = data.active


def create_outcome_area(data: OutcomeAreaData) -> OutcomeArea:
    """Add an outcome area; the caller commits."""
    area = OutcomeArea()
    _apply_area(area, data)
    db.session.add(area)
    db.session.flush()
    return area


def update_outcome_area(area: OutcomeArea, data: OutcomeAreaData, seen_version: object) -> None:
    """Save an outcome area unless someone saved it since `seen_version` (StaleEdit)."""
    with refuse_stale(area, seen_version):
        _apply_area(area, data)
        area.updated_at = utcnow()  # a save with nothing changed still shows as a save
        db.session.flush()


def project_targets(project_id: int) -> list[ProjectTarget]:
    """A project's targets, in the order they were set."""
    return list(
        db.session.scalars(
            select(ProjectTarget)
            .where(ProjectTarget.project_id == project_id)
            .order_by(ProjectTarget.id)
        )
    )


def _check_targets(targets: list[TargetData]) -> None:
    seen = set()
    for target in targets:
        if target.measure not in set(TargetMeasure) or target.value < 0:
            raise ValueError(f"bad target {target.measure!r}")
        key = (target.measure, target.outcome_area_id)
        if key in seen:
            raise ValueError("a measure is set twice for the same outcome area")
        seen.add(key)


def save_targets(project: Project, targets: list[TargetData], seen_version: object) -> None:
    """Replace a project's targets with `targets`, refusing the save (StaleEdit) when the project
    was saved since `seen_version`: targets are part of the project, and saving them bumps its
    version, so two people editing the same project's targets cannot overwrite each other."""
    with refuse_stale(project, seen_version):
        _check_targets(targets)
        kept = {(t.measure, t.outcome_area_id): t for t in project_targets(project.id)}
        wanted = {(t.measure, t.outcome_area_id): t for t in targets}
        for key, row in kept.items():
            if key not in wanted:
                db.session.delete(row)
        for key, target in wanted.items():
            row = kept.get(key)
            if row is None:
                db.session.add(
                    ProjectTarget(
                        project_id=project.id,
                        measure=target.measure,
                        outcome_area_id=target.outcome_area_id,
                        value=target.value,
                    )
                )
            else:
                row.value = target.value
        project.updated_at = utcnow()  # the project's version goes up with its targets
        db.session.flush()
