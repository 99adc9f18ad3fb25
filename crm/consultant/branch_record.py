"""A branch's record for staff: the branch, its contact people and its offers with their history."""

from dataclasses import dataclass

from flask import abort
from sqlalchemy import func, or_, select

from crm.auth.models import Role, User
from crm.branches.models import Branch
from crm.extensions import db
from crm.matches import offers, queries
from crm.matches.models import Match, MatchTransition
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer


def load_branch(branch_id: int) -> Branch:
    """The branch, or 404."""
    branch = db.session.get(Branch, branch_id)
    if branch is None:
        abort(404)
    return branch


def branch_contacts(branch_id: int) -> list[User]:
    """The branch's active contact people, by name (read-only here: they are managed on the
    branch's edit page)."""
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.branch_id == branch_id,
                User.role == Role.BRANCH_CONTACT,
                User.active.is_(True),
            )
            .order_by(User.name, User.email)
        )
    )


def branch_user_ids(branch_id: int) -> set[int]:
    """Every account that acted as the branch's contact (its contacts now, and any contact who
    made or moved one of its offers, removed since), to tell their moves from staff's."""
    offers = select(Match.id).where(Match.branch_id == branch_id)
    acted = (
        select(Match.offered_by)
        .where(Match.branch_id == branch_id)
        .union(select(MatchTransition.user_id).where(MatchTransition.match_id.in_(offers)))
    )
    return set(
        db.session.scalars(
            select(User.id).where(
                User.role == Role.BRANCH_CONTACT,
                or_(User.branch_id == branch_id, User.id.in_(acted)),
            )
        )
    )


def count_members(branch_id: int) -> int:
    """How many volunteers are members of the branch (staff see all of them)."""
    return db.session.scalar(
        select(func.count(Volunteer.id)).where(Volunteer.branch_id == branch_id)
    )


@dataclass
class OfferRecord:
    """One of the branch's offers: its need and project, the members it named and its history
    (each step with who made it)."""

    match: Match
    need: Need
    project_title: str
    members: list[Volunteer]
    history: list[tuple[MatchTransition, str | None]]


def offers_with_history(branch_id: int) -> list[OfferRecord]:
    """The branch's offers, newest first, each with its members and pipeline history."""
    found = offers.offers_of_branch(branch_id)
    titles = dict(
        db.session.execute(
            select(Need.id, Project.title)
            .join(Project, Project.id == Need.project_id)
            .where(Need.id.in_({need.id for _match, need in found}))
        ).all()
    )
    return [
        OfferRecord(
            match,
            need,
            titles.get(need.id, ""),
            offers.named_members(match.id),
            queries.history(match.id),
        )
        for match, need in found
    ]
