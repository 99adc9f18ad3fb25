"""A volunteer's timeline: contacts, pipeline moves, follow-ups, the volunteer's own requests to
take part and consent withdrawal, newest first; each event with who did it. A branch's timeline
is read the same way: contacts with the branch, its offers of help and their pipeline moves,
and the follow-ups of those contacts.

Each kind of event is read through its own index (contact_log_entry by volunteer (or branch) and
time, match by volunteer then match_transition by match, follow_up by volunteer), at most
`offset + per_page` rows of each, newest first; UNION ALL merges those bounded windows and keeps
one page. The page's rows are then loaded in one query per kind, so a volunteer with thousands
of entries costs the same handful of queries as one with three.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, String, func, literal, select, union_all

from crm.auth.models import User
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.extensions import db
from crm.matches.models import InterestSignal, Match, MatchTransition
from crm.outbox.models import OutboxMessage
from crm.outbox.status import deliveries
from crm.pagination import Page
from crm.projects.models import Need
from crm.volunteers.models import Volunteer

PER_PAGE = 25

CONTACT = "contact"
TRANSITION = "transition"
FOLLOW_UP = "follow_up"
"""A follow-up made on its own (not with a contact entry), at the moment it was made."""
FOLLOW_UP_DONE = "follow_up_done"
SIGNAL = "signal"
"""The volunteer's own act on their page: asked to take part in a need, or took it back."""
CONSENT_WITHDRAWN = "consent_withdrawn"
"""The volunteer withdrew consent (the last time; cleared when they consent again)."""
OFFER = "offer"
"""A branch offered its help on a need (the last time it did, on that need)."""

Source = tuple[str, object, object, list]
"""(kind, id column, time column, conditions) of one kind of event in a timeline."""


@dataclass
class TimelineItem:
    """One event. `who` is whoever did it (a consultant, or the volunteer's own account), empty
    when unknown; need_id/need_title the need it was about."""

    kind: str
    at: datetime
    who: str = ""
    need_id: int | None = None
    need_title: str = ""
    entry: ContactLogEntry | None = None
    transition: MatchTransition | None = None
    follow_up: FollowUp | None = None
    signal: InterestSignal | None = None
    match: Match | None = None
    """For an offer: the branch's match, with its message."""
    follow_ups: list = field(default_factory=list)
    delivery: OutboxMessage | None = None
    """For an e-mail sent from the tool: its outbox message, which says whether it went."""
    """For a contact: the follow-ups made with it, as (FollowUp, owner's name)."""


def _matches_of(volunteer_id: int) -> Select:
    return select(Match.id).where(Match.volunteer_id == volunteer_id)


def volunteer_sources(volunteer_id: int) -> list[Source]:
    """Every kind of event of a volunteer's timeline."""
    return [
        (
            CONTACT,
            ContactLogEntry.id,
            ContactLogEntry.at,
            [ContactLogEntry.volunteer_id == volunteer_id],
        ),
        (
            TRANSITION,
            MatchTransition.id,
            MatchTransition.at,
            [MatchTransition.match_id.in_(_matches_of(volunteer_id))],
        ),
        (
            FOLLOW_UP,
            FollowUp.id,
            FollowUp.created_at,
            [FollowUp.volunteer_id == volunteer_id, FollowUp.contact_id.is_(None)],
        ),
        (
            FOLLOW_UP_DONE,
            FollowUp.id,
            FollowUp.done_at,
            [FollowUp.volunteer_id == volunteer_id, FollowUp.done_at.is_not(None)],
        ),
        (
            SIGNAL,
            InterestSignal.id,
            InterestSignal.at,
            [InterestSignal.volunteer_id == volunteer_id],
        ),
        (
            CONSENT_WITHDRAWN,
            Volunteer.id,
            Volunteer.consent_withdrawn_at,
            [Volunteer.id == volunteer_id, Volunteer.consent_withdrawn_at.is_not(None)],
        ),
    ]


def branch_sources(branch_id: int) -> list[Source]:
    """Every kind of event of a branch's timeline: contacts with it, its offers and their
    pipeline moves, and the follow-ups of its contacts marked done."""
    offers = select(Match.id).where(Match.branch_id == branch_id)
    contacts = select(ContactLogEntry.id).where(ContactLogEntry.branch_id == branch_id)
    return [
        (CONTACT, ContactLogEntry.id, ContactLogEntry.at, [ContactLogEntry.branch_id == branch_id]),
        (
            OFFER,
            Match.id,
            Match.offered_at,
            [Match.branch_id == branch_id, Match.offered_at.is_not(None)],
        ),
        (
            TRANSITION,
            MatchTransition.id,
            MatchTransition.at,
            [MatchTransition.match_id.in_(offers)],
        ),
        (
            FOLLOW_UP_DONE,
            FollowUp.id,
            FollowUp.done_at,
            [FollowUp.contact_id.in_(contacts), FollowUp.done_at.is_not(None)],
        ),
    ]


def count_events(sources: list[Source]) -> int:
    """How many events a timeline has, in one query of indexed counts."""
    counts = [
        select(func.count(id_col)).where(*where).scalar_subquery()
        for _kind, id_col, _at, where in sources
    ]
    return sum(db.session.execute(select(*counts)).one())


def page_keys(sources: list[Source], page: int, per_page: int) -> list[tuple[str, int]]:
    """(kind, id) of one page of events, newest first (ties: kind, then id, descending)."""
    window = page * per_page
    branches = []
    for kind, id_col, at_col, where in sources:
        newest = (
            select(literal(kind, String).label("kind"), id_col.label("id"), at_col.label("at"))
            .where(*where)
            .order_by(at_col.desc(), id_col.desc())
            .limit(window)
            .subquery()
        )
        branches.append(select(newest.c.kind, newest.c.id, newest.c.at))
    merged = union_all(*branches).subquery()
    rows = db.session.execute(
        select(merged.c.kind, merged.c.id)
        .order_by(merged.c.at.desc(), merged.c.kind.desc(), merged.c.id.desc())
        .limit(per_page)
        .offset(window - per_page)
    ).all()
    return [(kind, item_id) for kind, item_id in rows]


def _name(name: str | None, email: str | None) -> str:
    return name or email or ""


def _contacts(ids: list[int]) -> dict[int, TimelineItem]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(ContactLogEntry, User.name, User.email, Need.id, Need.title)
        .outerjoin(User, User.id == ContactLogEntry.author_id)
        .outerjoin(Match, Match.id == ContactLogEntry.match_id)
        .outerjoin(Need, Need.id == Match.need_id)
        .where(ContactLogEntry.id.in_(ids))
    ).all()
    items = {
        e.id: TimelineItem(CONTACT, e.at, _name(name, email), need_id, title or "", entry=e)
        for e, name, email, need_id, title in rows
    }
    attached = db.session.execute(
        select(FollowUp, User.name, User.email)
        .join(User, User.id == FollowUp.owner_id)
        .where(FollowUp.contact_id.in_(ids))
        .order_by(FollowUp.due_date, FollowUp.id)
    ).all()
    for follow_up, name, email in attached:
        items[follow_up.contact_id].follow_ups.append((follow_up, _name(name, email)))
    for contact_id, message in deliveries(ids).items():
        items[contact_id].delivery = message
    return items


def _match_acts(model, kind: str, ids: list[int]) -> dict[int, TimelineItem]:
    """Rows of a table of acts on a match (pipeline moves, the volunteer's own signals), each
    with who did it and the need it was about; the row is kept under its kind's name."""
    if not ids:
        return {}
    rows = db.session.execute(
        select(model, User.name, User.email, Need.id, Need.title)
        .join(Match, Match.id == model.match_id)
        .join(Need, Need.id == Match.need_id)
        .outerjoin(User, User.id == model.user_id)
        .where(model.id.in_(ids))
    ).all()
    return {
        act.id: TimelineItem(kind, act.at, _name(name, email), nid, title, **{kind: act})
        for act, name, email, nid, title in rows
    }


def _follow_ups(ids: list[int]) -> dict[int, tuple[FollowUp, str]]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(FollowUp, User.name, User.email)
        .join(User, User.id == FollowUp.owner_id)
        .where(FollowUp.id.in_(ids))
    ).all()
    return {f.id: (f, _name(name, email)) for f, name, email in rows}


def _offers(ids: list[int]) -> dict[int, TimelineItem]:
    if not ids:
        return {}
    rows = db.session.execute(
        select(Match, User.name, User.email, Need.id, Need.title)
        .join(Need, Need.id == Match.need_id)
        .outerjoin(User, User.id == Match.offered_by)
        .where(Match.id.in_(ids))
    ).all()
    return {
        m.id: TimelineItem(OFFER, m.offered_at, _name(name, email), nid, title, match=m)
        for m, name, email, nid, title in rows
    }


def timeline(sources: list[Source], page: int = 1, per_page: int = PER_PAGE) -> Page[TimelineItem]:
    """One page of a timeline (volunteer_sources or branch_sources), newest first, every row
    loaded in bulk."""
    page = max(page, 1)
    keys = page_keys(sources, page, per_page)
    wanted: dict[str, list[int]] = {}
    for kind, item_id in keys:
        wanted.setdefault(kind, []).append(item_id)
    contacts = _contacts(wanted.get(CONTACT, []))
    transitions = _match_acts(MatchTransition, TRANSITION, wanted.get(TRANSITION, []))
    follow_ups = _follow_ups(wanted.get(FOLLOW_UP, []) + wanted.get(FOLLOW_UP_DONE, []))
    signals = _match_acts(InterestSignal, SIGNAL, wanted.get(SIGNAL, []))
    offers = _offers(wanted.get(OFFER, []))
    items = []
    for kind, item_id in keys:
        if kind == CONTACT and item_id in contacts:
            items.append(contacts[item_id])
        elif kind == TRANSITION and item_id in transitions:
            items.append(transitions[item_id])
        elif kind in (FOLLOW_UP, FOLLOW_UP_DONE) and item_id in follow_ups:
            follow_up, owner = follow_ups[item_id]
            at = follow_up.created_at if kind == FOLLOW_UP else follow_up.done_at
            items.append(TimelineItem(kind, at, owner, follow_up=follow_up))
        elif kind == SIGNAL and item_id in signals:
            items.append(signals[item_id])
        elif kind == OFFER and item_id in offers:
            items.append(offers[item_id])
        elif kind == CONSENT_WITHDRAWN:
            volunteer = db.session.get(Volunteer, item_id)
            if volunteer is not None and volunteer.consent_withdrawn_at is not None:
                items.append(TimelineItem(kind, volunteer.consent_withdrawn_at))
    return Page(items, page, per_page, count_events(sources))
