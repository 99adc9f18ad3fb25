"""The volunteer record: loading the volunteer, their matches, and what the record says."""

from dataclasses import dataclass

from flask import abort, redirect, request, url_for
from flask_babel import gettext as _
from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from crm.audit import log as audit
from crm.audit.log import Action
from crm.branches.models import Branch
from crm.converters import MAX_ID
from crm.duplicates.services import merged_into
from crm.extensions import db
from crm.locking import StaleEdit
from crm.matches.labels import state_label
from crm.matches.models import Match
from crm.matches.pipeline import STATE_ORDER
from crm.matches.services import TransitionError
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition


def load_volunteer(volunteer_id: int) -> Volunteer:
    """The volunteer with profile details loaded in a fixed number of queries, or 404 (also for an
    erased person's tombstone); a merged-away record's GET redirects to the record it went into."""
    volunteer = db.session.scalar(
        select(Volunteer)
        .where(Volunteer.id == volunteer_id, not_erased_condition())
        .options(
            selectinload(Volunteer.experience),
            selectinload(Volunteer.languages),
            selectinload(Volunteer.countries),
            selectinload(Volunteer.skills),
        )
    )
    if volunteer is None:
        kept = merged_into(volunteer_id) if request.method == "GET" else None
        if kept is not None:  # merged into another record: old links lead there
            abort(
                redirect(url_for(request.endpoint, **(request.view_args | {"volunteer_id": kept})))
            )
        abort(404)
    return volunteer


def open_volunteer(volunteer_id: int) -> Volunteer:
    """The volunteer's record for a staff member to read (as load_volunteer), the view written to
    the audit log."""
    volunteer = load_volunteer(volunteer_id)
    audit.record(Action.RECORD_VIEWED, volunteer_id=volunteer.id)
    return volunteer


def branch_name(branch_id: int | None) -> str:
    """A branch's name, or an empty string."""
    if branch_id is None:
        return ""
    return db.session.scalar(select(Branch.name).where(Branch.id == branch_id)) or ""


def back_need(need_id: int | None) -> tuple[int, str] | None:
    """(id, title) of the need page the consultant came from (?need=), if that need exists."""
    if need_id is None or not 0 < need_id <= MAX_ID:
        return None
    title = db.session.scalar(select(Need.title).where(Need.id == need_id))
    return (need_id, title) if title is not None else None


def refusal(error: TransitionError | StaleEdit, state: str) -> str:
    """What the consultant reads when a contact could not be saved with its pipeline move."""
    if isinstance(error, StaleEdit):
        return _(
            "Nothing was saved: someone else changed this match while you were writing; it is "
            "now “%(state)s”. Your text is kept below: check it and save again.",
            state=state_label(state),
        )
    return _("Nothing was saved: %(reason)s", reason=error.message)


@dataclass
class MatchView:
    """A match as the record lists it: its need and project (its history is in the timeline)."""

    match: Match
    need_title: str
    project_title: str


def matches_of(volunteer_id: int) -> list[MatchView]:
    """The volunteer's matches by state in pipeline order (forward path, then exits), then score."""
    rows = db.session.execute(
        select(Match, Need.title, Project.title)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.volunteer_id == volunteer_id)
        .order_by(case(STATE_ORDER, value=Match.state), Match.score.desc(), Match.id)
    ).all()
    return [MatchView(m, need, project) for m, need, project in rows]
