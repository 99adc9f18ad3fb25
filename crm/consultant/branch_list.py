"""The staff's list of branches: filtered, sorted, one page at a time, with contact and member
counts."""

from dataclasses import dataclass

from sqlalchemy import func, select

from crm.auth.models import Role, User
from crm.branches.models import Branch
from crm.extensions import db
from crm.pagination import Page, offset
from crm.volunteers.models import Volunteer


@dataclass(frozen=True)
class BranchRow:
    """A branch with how many contacts and registered members it has."""

    branch: Branch
    contacts: int
    members: int


def _contacts():
    return (
        select(func.count(User.id))
        .where(User.role == Role.BRANCH_CONTACT, User.branch_id == Branch.id)
        .correlate(Branch)
        .scalar_subquery()
    )


def _members():
    return (
        select(func.count(Volunteer.id))
        .where(Volunteer.branch_id == Branch.id)
        .correlate(Branch)
        .scalar_subquery()
    )


def _matching_ids(search: str) -> list[int]:
    """Ids of the branches whose name or municipality contains `search`, in any case.

    Compared in Python: SQLite's lower() leaves Æ, Ø and Å as they are, and a party has
    no more than a few hundred branches.
    """
    wanted = search.casefold()
    rows = db.session.execute(select(Branch.id, Branch.name, Branch.municipality))
    return [i for i, name, town in rows if wanted in name.casefold() or wanted in town.casefold()]


def branch_page(
    search: str, region: str | None, sort: str, number: int, per_page: int
) -> Page[BranchRow]:
    """One page of branches whose name or municipality contains `search`, in `region` (all when
    None), sorted by name, by region (then name) or by most members (then name)."""
    contacts, members = _contacts().label("contacts"), _members().label("members")
    stmt = select(Branch, contacts, members)
    if search:
        stmt = stmt.where(Branch.id.in_(_matching_ids(search)))
    if region:
        stmt = stmt.where(Branch.region == region)
    total = db.session.scalar(select(func.count()).select_from(stmt.subquery()))
    order = {
        "region": (Branch.region, Branch.name),
        "members": (members.desc(), Branch.name),
    }.get(sort, (Branch.name,))
    rows = db.session.execute(
        stmt.order_by(*order, Branch.id).limit(per_page).offset(offset(number, per_page))
    ).all()
    return Page([BranchRow(b, c, m) for b, c, m in rows], number, per_page, total)
