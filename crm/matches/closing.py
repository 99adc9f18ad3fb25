"""Closing a need or a project: the open matches of every need that stops being open are
withdrawn, each step recorded. The one rule for "open" is crm.projects.services.need_is_open;
the need and project edit views call this after saving, and the pipeline's transition check
refuses forward moves on a need that is not open."""

from collections.abc import Iterable

from flask_babel import gettext as _
from sqlalchemy import Integer, String, insert, literal, select, update

from crm.auth.models import User
from crm.database import UTCDateTime, utcnow
from crm.extensions import db
from crm.matches.models import Match, MatchState, MatchTransition
from crm.matches.pipeline import OPEN_STATES
from crm.projects.models import Need, NeedStatus, ProjectStatus
from crm.projects.services import need_is_open


def open_ids(needs: Iterable[Need]) -> set[int]:
    """The ids of the needs that are open now (call before saving, pass to withdraw_closed)."""
    return {need.id for need in needs if need_is_open(need)}


def closed_now(needs: Iterable[Need], were_open: set[int]) -> list[Need]:
    """Of `needs`, those that were open (`were_open`, from open_ids) and are not any more."""
    return [need for need in needs if need.id in were_open and not need_is_open(need)]


def closing_cause(need: Need) -> str:
    """Why a need is not open: "project_closed", "filled" or "closed" (its own status)."""
    if need.project.status == ProjectStatus.CLOSED:
        return "project_closed"
    return "filled" if need.status == NeedStatus.FILLED else "closed"


def closing_note(need: Need) -> str:
    """Why the need's matches were withdrawn, as the pipeline history says it."""
    return {
        "project_closed": _("The project was closed."),
        "filled": _("The need was filled."),
    }.get(closing_cause(need), _("The need was closed."))


def withdraw_closed(needs: Iterable[Need], were_open: set[int], user: User | None) -> int:
    """After a need or project was saved: withdraw the open matches of each need that was open
    and is not any more (its own status, or its project's); returns how many were withdrawn."""
    db.session.flush()
    return sum(
        withdraw_open_matches(need, user, closing_note(need))
        for need in closed_now(needs, were_open)
    )


def withdraw_open_matches(need: Need, user: User | None, note: str) -> int:
    """Withdraw every open match of a filled or closed need, recording each step; returns how many.

    Runs as two set-based statements (history rows, then the state change with a version bump),
    so a need with many thousand suggestions is withdrawn at once. Placed matches stay placed.
    """
    db.session.flush()
    now = utcnow()
    open_states = [str(s) for s in OPEN_STATES]
    where = (Match.need_id == need.id, Match.state.in_(open_states))
    history = select(
        Match.id,
        Match.state,
        literal(str(MatchState.WITHDRAWN), String),
        literal(user.id if user is not None else None, Integer),
        literal(now, UTCDateTime()),
        literal(note, String),
        literal("", String),
    ).where(*where)
    db.session.execute(
        insert(MatchTransition).from_select(
            ["match_id", "from_state", "to_state", "user_id", "at", "note", "reason"], history
        )
    )
    result = db.session.execute(
        update(Match)
        .where(*where)
        .values(state=MatchState.WITHDRAWN, version=Match.version + 1, updated_at=now)
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount
