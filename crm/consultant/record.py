"""The volunteer record: profile, matches with their history, and the contact timeline."""

from dataclasses import dataclass, field

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import selectinload

from crm.auth.models import User
from crm.branches.models import Branch
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.converters import MAX_ID
from crm.extensions import db
from crm.matches.labels import state_label
from crm.matches.models import Match, MatchTransition
from crm.matches.services import Conflict, TransitionError
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer

TIMELINE_PER_PAGE = 25


def load_volunteer(volunteer_id: int) -> Volunteer:
    """The volunteer with profile details loaded in a fixed number of queries, or 404."""
    volunteer = db.session.scalar(
        select(Volunteer)
        .where(Volunteer.id == volunteer_id)
        .options(
            selectinload(Volunteer.experience),
            selectinload(Volunteer.languages),
            selectinload(Volunteer.countries),
            selectinload(Volunteer.skills),
        )
    )
    if volunteer is None:
        abort(404)
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


def refusal(error: TransitionError, state: str) -> str:
    """What the consultant reads when a contact could not be saved with its pipeline move."""
    if isinstance(error, Conflict):
        return _(
            "Nothing was saved: someone else changed this match while you were writing; it is "
            "now “%(state)s”. Your text is kept below: check it and save again.",
            state=state_label(state),
        )
    return _("Nothing was saved: %(reason)s", reason=error.message)


@dataclass
class MatchView:
    """A match as the record shows it: need, project and its transitions, oldest first."""

    match: Match
    need_title: str
    project_title: str
    transitions: list = field(default_factory=list)


def matches_with_history(volunteer_id: int) -> list[MatchView]:
    """The volunteer's matches (in-pipeline first, best score first) with every transition."""
    rows = db.session.execute(
        select(Match, Need.title, Project.title)
        .join(Need, Need.id == Match.need_id)
        .join(Project, Project.id == Need.project_id)
        .where(Match.volunteer_id == volunteer_id)
        .order_by((Match.state == "suggested"), Match.updated_at.desc(), Match.id)
    ).all()
    views = {m.id: MatchView(m, need, project) for m, need, project in rows}
    if views:
        transitions = db.session.execute(
            select(MatchTransition, User.name, User.email)
            .outerjoin(User, User.id == MatchTransition.user_id)
            .where(MatchTransition.match_id.in_(list(views)))
            .order_by(MatchTransition.at, MatchTransition.id)
        ).all()
        for transition, name, email in transitions:
            views[transition.match_id].transitions.append((transition, name or email or ""))
    return list(views.values())


@dataclass
class TimelineItem:
    """One line of the timeline: a contact-log entry (with its follow-ups) or a lone follow-up."""

    kind: str
    at: object
    entry: ContactLogEntry | None = None
    follow_up: FollowUp | None = None
    author: str = ""
    follow_ups: list = field(default_factory=list)


@dataclass
class Timeline:
    """A page of the timeline, newest first."""

    items: list[TimelineItem]
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def timeline(volunteer_id: int, page: int = 1, per_page: int = TIMELINE_PER_PAGE) -> Timeline:
    """Contact-log entries and follow-ups of their own as one newest-first, paginated list.

    A follow-up made together with a contact entry is shown inside that entry; the others
    (made elsewhere) stand alone at the moment they were made.
    """
    page = max(page, 1)
    entries = select(
        literal("entry").label("kind"),
        ContactLogEntry.id.label("id"),
        ContactLogEntry.at.label("at"),
    ).where(ContactLogEntry.volunteer_id == volunteer_id)
    lone = select(
        literal("follow_up").label("kind"), FollowUp.id.label("id"), FollowUp.created_at.label("at")
    ).where(FollowUp.volunteer_id == volunteer_id, FollowUp.contact_id.is_(None))
    both = union_all(entries, lone).subquery()
    total = db.session.scalar(select(func.count()).select_from(both))
    keys = db.session.execute(
        select(both.c.kind, both.c.id)
        .order_by(both.c.at.desc(), both.c.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    entry_ids = [i for kind, i in keys if kind == "entry"]
    lone_ids = [i for kind, i in keys if kind == "follow_up"]
    entries_by_id = {
        e.id: (e, name or email or "")
        for e, name, email in db.session.execute(
            select(ContactLogEntry, User.name, User.email)
            .outerjoin(User, User.id == ContactLogEntry.author_id)
            .where(ContactLogEntry.id.in_(entry_ids))
        )
    }
    follow_ups = db.session.execute(
        select(FollowUp, User.name, User.email)
        .join(User, User.id == FollowUp.owner_id)
        .where((FollowUp.id.in_(lone_ids)) | (FollowUp.contact_id.in_(entry_ids)))
        .order_by(FollowUp.due_date)
    ).all()
    attached: dict[int, list] = {}
    lone_by_id = {}
    for follow_up, name, email in follow_ups:
        if follow_up.id in lone_ids:
            lone_by_id[follow_up.id] = (follow_up, name or email or "")
        else:
            attached.setdefault(follow_up.contact_id, []).append((follow_up, name or email or ""))
    items = []
    for kind, item_id in keys:
        if kind == "entry" and item_id in entries_by_id:
            entry, author = entries_by_id[item_id]
            items.append(
                TimelineItem(
                    "entry",
                    entry.at,
                    entry=entry,
                    author=author,
                    follow_ups=attached.get(item_id, []),
                )
            )
        elif item_id in lone_by_id:
            follow_up, owner = lone_by_id[item_id]
            items.append(
                TimelineItem("follow_up", follow_up.created_at, follow_up=follow_up, author=owner)
            )
    return Timeline(items, page, per_page, total)
