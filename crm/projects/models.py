"""Projects abroad and the needs (roles) they want filled."""

import enum
from datetime import date, datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.database import utcnow
from crm.extensions import db


class ProjectStatus(enum.StrEnum):
    PLANNING = "planning"
    ACTIVE = "active"
    CLOSED = "closed"


class NeedStatus(enum.StrEnum):
    OPEN = "open"
    FILLED = "filled"
    CLOSED = "closed"


class Project(db.Model):
    """A democracy-support project run with partners abroad."""

    __tablename__ = "project"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    partners: Mapped[str] = mapped_column(String(500), default="")
    danish_partners: Mapped[str] = mapped_column(String(500), default="")
    funder: Mapped[str] = mapped_column(String(120), default="")
    budget_line: Mapped[str] = mapped_column(String(120), default="", server_default="")
    """The funder's budget line or grant number the project reports under."""
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default=ProjectStatus.PLANNING, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    countries: Mapped[list["ProjectCountry"]] = relationship(
        cascade="all, delete-orphan", order_by="ProjectCountry.code"
    )
    needs: Mapped[list["Need"]] = relationship(
        back_populates="project", cascade="all, delete-orphan", order_by="Need.id"
    )

    __mapper_args__ = {"version_id_col": version}


class ProjectCountry(db.Model):
    """A country the project works in, ISO 3166 alpha-2."""

    __tablename__ = "project_country"

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True)


class Need(db.Model):
    """A role a project wants filled, with its requirements."""

    __tablename__ = "need"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    period_from: Mapped[date | None]
    period_to: Mapped[date | None]
    hours_per_month: Mapped[int | None]
    travel: Mapped[str | None] = mapped_column(String(10))
    seats: Mapped[int] = mapped_column(default=1)
    deadline: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(10), default=NeedStatus.OPEN, index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    project: Mapped[Project] = relationship(back_populates="needs")
    skills: Mapped[list["NeedSkill"]] = relationship(
        cascade="all, delete-orphan", order_by="NeedSkill.id"
    )
    languages: Mapped[list["NeedLanguage"]] = relationship(
        cascade="all, delete-orphan", order_by="NeedLanguage.id"
    )
    countries: Mapped[list["NeedCountry"]] = relationship(
        cascade="all, delete-orphan", order_by="NeedCountry.code"
    )

    __mapper_args__ = {"version_id_col": version}


class NeedSkill(db.Model):
    """A skill requirement: taxonomy area, minimum level 1–4 and weight."""

    __tablename__ = "need_skill"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    area: Mapped[str] = mapped_column(String(40))
    min_level: Mapped[int] = mapped_column(default=1)
    weight: Mapped[int] = mapped_column(default=1)


class NeedLanguage(db.Model):
    """A language requirement: ISO 639-1 code, minimum CEFR level, required or preferred."""

    __tablename__ = "need_language"

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(2))
    min_level: Mapped[str] = mapped_column(String(6))
    required: Mapped[bool] = mapped_column(default=False)


class NeedCountry(db.Model):
    """A country the need is about, ISO 3166 alpha-2."""

    __tablename__ = "need_country"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("need.id", ondelete="CASCADE"), primary_key=True
    )
    code: Mapped[str] = mapped_column(String(2), primary_key=True)
