"""A branch's offer of help on a need ("Vi kan hjælpe"): a match of the branch in the pipeline.

The offer is a Match with `branch_id` set (and no volunteer): the same states, the same
transition history and the same pipeline service as a volunteer's match. It starts in
"suggested" with `offered_at`; the consultant takes it on from there. Members may be named in
the offer only when they share their profile with the branch (OfferMember).
"""

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select

from crm.auth.models import User
from crm.branches.models import Branch
from crm.database import utcnow
from crm.extensions import db
from crm.matches import adapter, services
from crm.matches.models import Match, MatchState, MatchTransition, OfferMember
from crm.matches.pipeline import EXITS
from crm.matches.refresh import match_values
from crm.matching import score
from crm.projects.models import Need
from crm.projects.services import need_is_open
from crm.volunteers.models import Volunteer
from crm.volunteers.services import shares_with_branch_condition


class OfferRefused(Exception):
    """The offer cannot be made; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def branch_offer(branch_id: int, need_id: int) -> Match | None:
    """The branch's offer (its match) on the need, if it made one."""
    return db.session.scalar(
        select(Match).where(Match.need_id == need_id, Match.branch_id == branch_id)
    )


def may_offer(match: Match | None) -> bool:
    """Whether the branch may offer (again): no offer yet, or its last one ended in an exit."""
    return match is None or match.state in EXITS


def sharing_members(branch_id: int) -> list[Volunteer]:
    """The branch's members who share their profile with it, by name."""
    return list(
        db.session.scalars(
            select(Volunteer)
            .where(shares_with_branch_condition(branch_id))
            .order_by(Volunteer.first_name, Volunteer.last_name, Volunteer.id)
        )
    )


def offer_help(
    branch: Branch, need: Need, user: User, message: str, member_ids: list[int] | None = None
) -> Match:
    """Offer the branch's help on an open need; the consultant sees it as a new offer.

    An earlier offer still in the pipeline refuses a second one; one that ended (declined,
    not suitable, withdrawn) is opened again as "shortlisted", recorded as the contact's move.
    Raises OfferRefused for a need that is not open or a member who does not share with the
    branch.
    """
    if not need_is_open(need, public=True):
        raise OfferRefused(_("This need is no longer open."))
    allowed = {v.id for v in sharing_members(branch.id)}
    named = sorted(set(member_ids or []))
    if not set(named) <= allowed:
        raise OfferRefused(_("Only members who share their profile with the branch can be named."))
    match = branch_offer(branch.id, need.id)
    if not may_offer(match):
        raise OfferRefused(_("Your branch has already offered to help with this need."))
    result = score(adapter.branch_candidate(branch), adapter.need_spec_for(need))
    values = match_values(result) | {"excluded": False, "reasons": []}
    if match is None:
        match = Match(need_id=need.id, branch_id=branch.id, state=MatchState.SUGGESTED, **values)
        db.session.add(match)
    else:
        for name, value in values.items():
            setattr(match, name, value)
    match.offered_at, match.offered_by, match.offer_message = utcnow(), user.id, message.strip()
    db.session.flush()
    if match.state in EXITS:
        services.transition(
            match, MatchState.SHORTLISTED, user, note=_("The branch offered again.")
        )
    db.session.execute(OfferMember.__table__.delete().where(OfferMember.match_id == match.id))
    db.session.add_all(OfferMember(match_id=match.id, volunteer_id=vid) for vid in named)
    db.session.flush()
    return match


def named_members(match_id: int) -> list[Volunteer]:
    """The members named in an offer who still share with the branch: a member who stops
    sharing is no longer named, to the branch or anyone else."""
    branch_id = db.session.scalar(select(Match.branch_id).where(Match.id == match_id))
    if branch_id is None:
        return []
    # The named ids as a list (IN), not a join: joined, SQLite walked every volunteer of the
    # branch (about 3,000 of 100,000) and probed each for the offer, 10-35 ms per offer card.
    named = select(OfferMember.volunteer_id).where(OfferMember.match_id == match_id)
    return list(
        db.session.scalars(
            select(Volunteer)
            .where(Volunteer.id.in_(named), shares_with_branch_condition(branch_id))
            .order_by(Volunteer.first_name, Volunteer.last_name)
        )
    )


def offers_for_need(need_id: int) -> list[tuple[Match, Branch]]:
    """The branches' offers on a need, newest first (for the consultant's need page)."""
    rows = db.session.execute(
        select(Match, Branch)
        .join(Branch, Branch.id == Match.branch_id)
        .where(Match.need_id == need_id)
        .order_by(Match.offered_at.desc().nulls_last(), Match.id.desc())
    ).all()
    return [(m, b) for m, b in rows]


def offers_of_branch(branch_id: int) -> list[tuple[Match, Need]]:
    """The branch's own offers with their needs, newest first (for the contact's page)."""
    rows = db.session.execute(
        select(Match, Need)
        .join(Need, Need.id == Match.need_id)
        .where(Match.branch_id == branch_id)
        .order_by(Match.offered_at.desc().nulls_last(), Match.id.desc())
    ).all()
    return [(m, n) for m, n in rows]


def new_offer_condition():
    """SQL: a branch's offer nobody on the staff has acted on since it was made (a renewed offer
    is new again): no pipeline move after it by anyone but the contact who made it."""
    acted = (
        select(MatchTransition.id)
        .where(
            MatchTransition.match_id == Match.id,
            MatchTransition.at >= Match.offered_at,
            or_(MatchTransition.user_id.is_(None), MatchTransition.user_id != Match.offered_by),
        )
        .exists()
    )
    return and_(Match.branch_id.is_not(None), Match.offered_at.is_not(None), ~acted)


def new_offers(limit: int = 10) -> tuple[int, list[tuple[Match, Branch, Need]]]:
    """Offers nobody has taken on yet, oldest first, and how many."""
    where = (new_offer_condition(), Match.state.not_in([str(s) for s in EXITS]))
    count = db.session.scalar(select(db.func.count(Match.id)).where(*where))
    rows = db.session.execute(
        select(Match, Branch, Need)
        .join(Branch, Branch.id == Match.branch_id)
        .join(Need, Need.id == Match.need_id)
        .where(*where)
        .order_by(Match.offered_at, Match.id)
        .limit(limit)
    ).all()
    return count, [(m, b, n) for m, b, n in rows]
