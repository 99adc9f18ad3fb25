"""Local party branches and their collective experience."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
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

    experience: Mapped[list["BranchExperience"]] = relationship(
        back_populates="branch", cascade="all, delete-orphan", order_by="BranchExperience.id"
    )


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
