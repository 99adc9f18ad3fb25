"""Activity reports (what a placed volunteer did) and debriefs (what they learned)."""

import enum
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class ActivityType(enum.StrEnum):
    """The kinds of activity a results report counts."""

    TRAINING = "training"
    WORKSHOP = "workshop"
    STUDY_TRIP = "study_trip"
    MENTORING = "mentoring"
    ONLINE_ADVICE = "online_advice"
    POLICY_PAPER = "policy_paper"
    ELECTION_OBSERVATION = "election_observation"
    OTHER = "other"


class ReportStatus(enum.StrEnum):
    """Submitted reports wait for the consultant; approved ones are locked and counted."""

    SUBMITTED = "submitted"
    APPROVED = "approved"


class ActivityReport(db.Model):
    """One activity a placed volunteer carried out on their placement (a placed or completed
    match). Only approved reports count in results and reach the branch page; an approved
    report is locked until a consultant opens it again."""

    __tablename__ = "activity_report"
    __table_args__ = (
        Index("ix_activity_report_project_status", "project_id", "status", "started_on"),
        Index("ix_activity_report_volunteer", "volunteer_id", "started_on"),
        CheckConstraint("ended_on IS NULL OR ended_on >= started_on", name="dates_in_order"),
        CheckConstraint(
            "participants_women IS NULL OR participants IS NULL"
            " OR participants_women <= participants",
            name="women_within_participants",
        ),
        CheckConstraint(
            "participants_young IS NULL OR participants IS NULL"
            " OR participants_young <= participants",
            name="young_within_participants",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    """The placement the activity belongs to."""
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("project.id", ondelete="CASCADE"))
    """Copied from the match's need, so that a project's results are one indexed query."""
    outcome_area_id: Mapped[int | None] = mapped_column(
        ForeignKey("outcome_area.id", ondelete="SET NULL"), index=True
    )
    started_on: Mapped[date]
    ended_on: Mapped[date | None]
    days: Mapped[float | None]
    hours: Mapped[float | None]
    country: Mapped[str] = mapped_column(String(2), default="")
    activity_type: Mapped[str] = mapped_column(String(24), default=ActivityType.OTHER)
    participants: Mapped[int | None]
    participants_women: Mapped[int | None]
    participants_young: Mapped[int | None]
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default=ReportStatus.SUBMITTED)
    submitted_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    """Who wrote it: the volunteer's account, or the consultant reporting for them."""
    approved_at: Mapped[datetime | None]
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}


class WouldGoAgain(enum.StrEnum):
    YES = "yes"
    MAYBE = "maybe"
    NO = "no"


class Debrief(db.Model):
    """The short structured debrief of one completed placement: one per match. Shown to the
    next volunteer on the same need only when `share_with_next` (the author's consent)."""

    __tablename__ = "debrief"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), unique=True)
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), index=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"), index=True)
    what_worked: Mapped[str] = mapped_column(Text, default="")
    what_did_not: Mapped[str] = mapped_column(Text, default="")
    advice: Mapped[str] = mapped_column(Text, default="")
    would_go_again: Mapped[str] = mapped_column(String(5), default=WouldGoAgain.MAYBE)
    share_with_next: Mapped[bool] = mapped_column(default=False)
    written_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}
