"""Stored matches between volunteers and needs, and every pipeline transition."""

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, WriteOnlyMapped, mapped_column, relationship

from crm.database import utcnow
from crm.extensions import db


class MatchState(enum.StrEnum):
    """The pipeline states of PRODUCT.md."""

    SUGGESTED = "suggested"
    SHORTLISTED = "shortlisted"
    CONTACTED = "contacted"
    INTERESTED = "interested"
    PLACED = "placed"
    COMPLETED = "completed"
    DECLINED = "declined"
    NOT_SUITABLE = "not_suitable"
    WITHDRAWN = "withdrawn"


class ExitReason(enum.StrEnum):
    """The short list of reasons for "declined" and "not suitable" (MatchTransition.reason_code)."""

    SKILLS = "skills"
    LEVEL = "level"
    LANGUAGES = "languages"
    AVAILABILITY = "availability"
    CHOSE_ANOTHER = "chose_another"
    OWN_REASONS = "own_reasons"
    OTHER = "other"


class Match(db.Model):
    """A volunteer scored against a need, with its explanation and pipeline state."""

    __tablename__ = "match"
    __table_args__ = (
        UniqueConstraint("need_id", "volunteer_id", name="uq_match_need_volunteer"),
        UniqueConstraint("need_id", "branch_id", name="uq_match_need_branch"),
        CheckConstraint(
            "(volunteer_id IS NULL) <> (branch_id IS NULL)", name="volunteer_or_branch"
        ),
        Index("ix_match_need_rank", "need_id", "excluded", "score"),
        Index("ix_match_need_state", "need_id", "state"),
        Index("ix_match_volunteer_state", "volunteer_id", "state"),
        Index("ix_match_updated_at", "updated_at", "id"),  # the API's sync (updated_since)
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("need.id", ondelete="CASCADE"))
    volunteer_id: Mapped[int | None] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    branch_id: Mapped[int | None] = mapped_column(
        ForeignKey("branch.id", ondelete="CASCADE"), index=True
    )
    """A branch's offer of help ("Vi kan hjælpe") is a match of the branch, not of a volunteer."""
    score: Mapped[float] = mapped_column(default=0.0)
    excluded: Mapped[bool] = mapped_column(default=False)
    explanation: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    state: Mapped[str] = mapped_column(String(20), default=MatchState.SUGGESTED)
    override: Mapped[bool] = mapped_column(default=False)
    interested_at: Mapped[datetime | None]
    """When the volunteer asked to take part, on their own page (None: they have not, or took it
    back). Never set by a consultant's pipeline move: see InterestSignal for the history."""
    interest_taken_back_at: Mapped[datetime | None]
    """When the volunteer last took their request back (shown to the consultant)."""
    offered_at: Mapped[datetime | None]
    """When a branch offered help (branch matches only)."""
    offered_by: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    offer_message: Mapped[str] = mapped_column(Text, default="")
    """The branch contact's short message with the offer."""
    scored_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    transitions: WriteOnlyMapped["MatchTransition"] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MatchTransition.at"
    )

    __mapper_args__ = {"version_id_col": version}


class MatchTransition(db.Model):
    """One step through the pipeline: who moved the match, when, and why."""

    __tablename__ = "match_transition"

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    from_state: Mapped[str] = mapped_column(String(20))
    to_state: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    reason_code: Mapped[str | None] = mapped_column(String(20))
    """Why a match was declined or found not suitable, from ExitReason (the short list whose
    counts the dashboard and docs/matching.md show); `reason` is the free note beside it."""


class OfferMember(db.Model):
    """A member the branch named in its offer; only members who share their profile with the
    branch can be named."""

    __tablename__ = "offer_member"

    match_id: Mapped[int] = mapped_column(
        ForeignKey("match.id", ondelete="CASCADE"), primary_key=True
    )
    volunteer_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class SignalKind(enum.StrEnum):
    """What a volunteer did themselves about a need, on their own page."""

    ASKED = "asked"
    TOOK_BACK = "took_back"


class InterestSignal(db.Model):
    """The volunteer's own act about a need ("I would like to take part", or taking it back),
    with who did it: kept apart from the consultant's pipeline moves (MatchTransition)."""

    __tablename__ = "interest_signal"
    __table_args__ = (Index("ix_interest_signal_volunteer_at", "volunteer_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    match_id: Mapped[int] = mapped_column(ForeignKey("match.id", ondelete="CASCADE"), index=True)
    volunteer_id: Mapped[int] = mapped_column(ForeignKey("volunteer.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(12))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    note: Mapped[str] = mapped_column(String(200), default="")


class NeedMatchSummary(db.Model):
    """Per open need: how many volunteers fit and how many are excluded, at the last full rank.

    Only the best MATCH_STORE_TOP of each are stored as Match rows (see docs/matching.md).
    """

    __tablename__ = "need_match_summary"

    need_id: Mapped[int] = mapped_column(
        ForeignKey("need.id", ondelete="CASCADE"), primary_key=True
    )
    candidates: Mapped[int] = mapped_column(default=0)
    excluded: Mapped[int] = mapped_column(default=0)
    stored_top: Mapped[int] = mapped_column(default=0)
    scored_at: Mapped[datetime] = mapped_column(default=utcnow)


class PoolReset(db.Model):
    """A bulk change to the volunteers' matching data that no updated_at shows (every text
    skill derived again): each process builds its candidate pool afresh (pool_cache.py)."""

    __tablename__ = "pool_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
