"""Local party branches and their collective experience."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from crm.database import utcnow
from crm.extensions import db


class Branch(db.Model):
    """A local party association."""

    __tablename__ = "branch"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    municipality: Mapped[str] = mapped_column(String(80))
    region: Mapped[str] = mapped_column(String(40))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    experience: Mapped[list["BranchExperience"]] = relationship(
        back_populates="branch", cascade="all, delete-orphan", order_by="BranchExperience.id"
    )
    corrections: Mapped[list["BranchSkillCorrection"]] = relationship(
        cascade="all, delete-orphan", order_by="BranchSkillCorrection.area"
    )

    __mapper_args__ = {"version_id_col": version}


class BranchExperience(db.Model):
    """Something the branch has done, in the same shape as a volunteer's experience."""

    __tablename__ = "branch_experience"

    id: Mapped[int] = mapped_column(primary_key=True)
    branch_id: Mapped[int] = mapped_column(ForeignKey("branch.id", ondelete="CASCADE"), index=True)
    area: Mapped[str | None] = mapped_column(String(40))
    level: Mapped[int | None]
    years: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")

    branch: Mapped[Branch] = relationship(back_populates="experience")


class BranchSkillCorrection(db.Model):
    """The branch contact's word on one area read from the branch's text; it wins over the
    reading, like a volunteer's SkillCorrection ("change" carries a level, the others none)."""

    __tablename__ = "branch_skill_correction"
    __table_args__ = (
        CheckConstraint(
            "(action = 'change' AND level BETWEEN 1 AND 4)"
            " OR (action <> 'change' AND level IS NULL)",
            name="level_only_for_change",
        ),
    )

    branch_id: Mapped[int] = mapped_column(
        ForeignKey("branch.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(40), primary_key=True)
    action: Mapped[str] = mapped_column(String(10))
    level: Mapped[int | None]
    at: Mapped[datetime] = mapped_column(default=utcnow)
