"""The dashboard's figures, each one aggregate SQL query (GROUP BY, COUNT) with a bounded result.

The figures about candidates, placements and the pipeline chart count volunteers only: a
branch's offer of help (a match of the branch) fills no seat of a need and is one offer however
many members it names. Offers have their own figure, "new offers from branches"
(crm.matches.offers.new_offers).
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, case, func, not_, or_, select

from crm.auth.models import User
from crm.branches.models import Branch
from crm.contacts.models import ContactLogEntry, FollowUp
from crm.extensions import db
from crm.matches.consent import pipeline_after_withdrawal_condition
from crm.matches.fit import GOOD_MATCH
from crm.matches.interest import awaiting_answer_condition
from crm.matches.models import Match, MatchState, MatchTransition
from crm.matches.pipeline import CHART_STATES, CONSIDERED_STATES, EXITS
from crm.projects.models import Need, NeedStatus, Project, ProjectStatus
from crm.volunteers.models import Volunteer
from crm.volunteers.services import not_erased_condition, unclaimed_import_condition

GOOD_SCORE = GOOD_MATCH
"""A match is a good candidate from this score (a "good match") up, unless excluded or out."""

GOOD_STATES = CONSIDERED_STATES
"""Matches in these states count as good candidates whatever their score (even overridden)."""

LIST_LIMIT = 10
FOLLOW_UP_LIMIT = 50


def due_follow_ups(user_id: int, today: date, limit: int = FOLLOW_UP_LIMIT) -> list:
    """Open follow-ups due today or earlier: mine first, then others', oldest due first; each
    with its volunteer's name, or the branch's (id, name) when it came with a branch contact."""
    mine_first = case((FollowUp.owner_id == user_id, 0), else_=1)
    return db.session.execute(
        select(
            FollowUp,
            Volunteer.first_name,
            Volunteer.last_name,
            User.name,
            User.email,
            Branch.id,
            Branch.name,
        )
        .outerjoin(Volunteer, Volunteer.id == FollowUp.volunteer_id)
        .outerjoin(ContactLogEntry, ContactLogEntry.id == FollowUp.contact_id)
        .outerjoin(Branch, Branch.id == ContactLogEntry.branch_id)
        .join(User, User.id == FollowUp.owner_id)
        .where(FollowUp.done_at.is_(None), FollowUp.due_date <= today)
        .order_by(mine_first, FollowUp.due_date, FollowUp.id)
        .limit(limit)
    ).all()


def count_due_follow_ups(today: date) -> int:
    """How many open follow-ups are due today or earlier, everyone's."""
    return db.session.scalar(
        select(func.count(FollowUp.id)).where(
            FollowUp.done_at.is_(None), FollowUp.due_date <= today
        )
    )


def new_volunteers(since: datetime, limit: int = LIST_LIMIT) -> tuple[int, list[Volunteer]]:
    """How many volunteers registered since a moment, and the newest of them. People imported
    from a spreadsheet are not new volunteers until they claim their profile (they have not
    registered: a 500-row import would bury the week's registrations)."""
    where = (
        Volunteer.created_at > since,
        not_erased_condition(),
        not_(unclaimed_import_condition()),
    )
    count = db.session.scalar(select(func.count(Volunteer.id)).where(*where))
    newest = list(
        db.session.scalars(
            select(Volunteer)
            .where(*where)
            .order_by(Volunteer.created_at.desc(), Volunteer.id.desc())
            .limit(limit)
        )
    )
    return count, newest


def _match_rows(where, order, limit: int) -> tuple[int, list]:
    """Matches asking for action, with their volunteers (never an erased one), and how many."""
    # NOT IN the few erased ids (indexed), not IN the 100,000 others: the IN list drove the
    # query through every volunteer's matches (about 140 ms per list at 100,000 volunteers).
    erased = select(Volunteer.id).where(~not_erased_condition())
    where = and_(where, Match.volunteer_id.is_not(None), Match.volunteer_id.not_in(erased))
    count = db.session.scalar(select(func.count(Match.id)).where(where))
    rows = db.session.execute(
        select(
            Match.id,
            Match.state,
            Match.excluded,
            Match.interested_at,
            Volunteer.id,
            Volunteer.first_name,
            Volunteer.last_name,
            Volunteer.consent_withdrawn_at,
            Need.id,
            Need.title,
        )
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .join(Need, Need.id == Match.need_id)
        .where(where)
        .order_by(order, Match.id)
        .limit(limit)
    ).all()
    return count, rows


def awaiting_answer(limit: int = LIST_LIMIT) -> tuple[int, list]:
    """Volunteers who asked to take part and have had no answer yet, longest waiting first."""
    return _match_rows(awaiting_answer_condition(), Match.interested_at, limit)


def consent_withdrawn(limit: int = LIST_LIMIT) -> tuple[int, list]:
    """Open matches of volunteers who withdrew consent: the consultant must close them."""
    return _match_rows(
        pipeline_after_withdrawal_condition(), Volunteer.consent_withdrawn_at.desc(), limit
    )


def good_candidate_condition():
    """SQL: a volunteer's match that counts as a good candidate for its need (a branch's offer
    fills no seat, so it never does)."""
    return and_(
        Match.volunteer_id.is_not(None),
        or_(
            Match.state.in_(GOOD_STATES),
            and_(Match.excluded.is_(False), Match.score >= GOOD_SCORE, Match.state.not_in(EXITS)),
        ),
    )


def needs_short_of_candidates(limit: int = 20) -> list:
    """Open needs with fewer good candidates than seats, fewest first, with the counts."""
    good = func.count(Match.id)
    return db.session.execute(
        select(Need.id, Need.title, Need.seats, Need.deadline, Project.title, good.label("good"))
        .join(Project, Project.id == Need.project_id)
        .outerjoin(Match, and_(Match.need_id == Need.id, good_candidate_condition()))
        .where(Need.status == NeedStatus.OPEN)
        .group_by(Need.id, Need.title, Need.seats, Need.deadline, Project.title)
        .having(good < Need.seats)
        .order_by(good, Need.deadline.nulls_last(), Need.id)
        .limit(limit)
    ).all()


def quarter_start(today: date) -> date:
    """The first day of today's quarter."""
    return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)


def placements_since(start: datetime, limit: int = LIST_LIMIT) -> tuple[int, list]:
    """How many volunteers were placed since a moment, and the latest of them (a branch's offer
    taken on is no placement of a person: it is not counted)."""
    where = and_(
        MatchTransition.to_state == MatchState.PLACED,
        MatchTransition.at >= start,
        MatchTransition.match_id.in_(select(Match.id).where(Match.volunteer_id.is_not(None))),
    )
    count = db.session.scalar(select(func.count(MatchTransition.id)).where(where))
    rows = db.session.execute(
        select(
            MatchTransition.at,
            Volunteer.id,
            Volunteer.first_name,
            Volunteer.last_name,
            Need.id,
            Need.title,
        )
        .join(Match, Match.id == MatchTransition.match_id)
        .join(Volunteer, Volunteer.id == Match.volunteer_id)
        .join(Need, Need.id == Match.need_id)
        .where(where, not_erased_condition())  # counted above, never named
        .order_by(MatchTransition.at.desc())
        .limit(limit)
    ).all()
    return count, rows


@dataclass(frozen=True)
class ProjectPipeline:
    """One project's candidates counted per pipeline state."""

    project_id: int
    title: str
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def pipeline_by_project() -> list[ProjectPipeline]:
    """For each project not closed, its needs' volunteers counted per state of CHART_STATES."""
    rows = db.session.execute(
        select(Project.id, Project.title, Match.state, func.count(Match.id))
        .join(Need, Need.project_id == Project.id)
        .join(Match, Match.need_id == Need.id)
        .where(
            Project.status != ProjectStatus.CLOSED,
            Match.state.in_(CHART_STATES),
            Match.volunteer_id.is_not(None),
        )
        .group_by(Project.id, Project.title, Match.state)
        .order_by(Project.title, Project.id)
    ).all()
    projects: dict[int, ProjectPipeline] = {}
    for project_id, title, state, count in rows:
        pipeline = projects.setdefault(project_id, ProjectPipeline(project_id, title, {}))
        pipeline.counts[state] = count
    return list(projects.values())


def since_last_visit(user: User, now: datetime) -> datetime:
    """The moment "new" counts from: the user's previous visit, or a week ago on the first."""
    return user.last_dashboard_at or now - timedelta(days=7)
