"""What the funder asks results against: outcome areas, and each project's targets."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class OutcomeArea(db.Model):
    """An outcome the funder reports on (e.g. women's and young people's political leadership,
    capable parties, multiparty dialogue): data the consultant edits, in Danish and English."""

    __tablename__ = "outcome_area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name_da: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class TargetMeasure(enum.StrEnum):
    """What a project target counts (each is a figure on the results page)."""

    VOLUNTEERS_PLACED = "volunteers_placed"
    ACTIVITIES = "activities"
    DAYS = "days"
    HOURS = "hours"
    PARTICIPANTS = "participants"
    PARTICIPANTS_WOMEN = "participants_women"
    PARTICIPANTS_YOUNG = "participants_young"
    BRANCHES = "branches"


class ProjectTarget(db.Model):
    """A target a project promised its funder: a measure, optionally within one outcome area,
    and the value aimed at over the project's period."""

    __tablename__ = "project_target"
    __table_args__ = (
        UniqueConstraint("project_id", "outcome_area_id", "measure", name="uq_project_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    outcome_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("outcome_area.id", ondelete="CASCADE")
    )
    measure: Mapped[str] = mapped_column(String(24))
    value: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
