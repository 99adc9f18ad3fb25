"""Managing branches and their contacts: create and edit a branch; invite and remove a contact
(accepting an invitation is crm.auth.invitations)."""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import Role, User
from crm.auth.services import (
    find_user_by_email,
    has_usable_password,
    normalise_email,
    set_unusable_password,
)
from crm.auth.sessions import end_sessions
from crm.branches.models import Branch
from crm.database import utcnow
from crm.extensions import db
from crm.locking import refuse_stale


@dataclass(frozen=True)
class BranchData:
    """What a consultant types about a branch."""

    name: str
    municipality: str
    region: str
    description: str


class DuplicateBranchName(Exception):
    """Another branch already has this name (names are compared without regard to case)."""


class InvitationRefused(Exception):
    """This address cannot be invited to this branch; `message` says why, to the consultant."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


NOT_A_CONTACT = _l(
    "This address belongs to a volunteer's or a staff member's account. An invitation never "
    "changes what an account may do: use another address for the branch contact."
)
OTHER_BRANCH = _l(
    "This address belongs to the contact of another branch. Remove them from that branch "
    "first; a contact belongs to one branch only."
)
ALREADY_ACTIVE = _l(
    "This person is already a contact of the branch and has chosen a password. If they have "
    "forgotten it, they can choose a new one from the login page."
)


def _check_name(name: str, branch: Branch | None) -> None:
    """Raise DuplicateBranchName when another branch has this name, in any case.

    Compared in Python: SQLite's lower() leaves Æ, Ø and Å as they are, and a party has no
    more than a few hundred branches.
    """
    own = branch.id if branch is not None else None
    wanted = name.casefold()
    for other_id, other_name in db.session.execute(select(Branch.id, Branch.name)):
        if other_id != own and other_name.casefold() == wanted:
            raise DuplicateBranchName


def _apply(branch: Branch, data: BranchData) -> None:
    branch.name = data.name
    branch.municipality = data.municipality
    branch.region = data.region
    branch.description = data.description


def create_branch(data: BranchData) -> Branch:
    """Add a branch (DuplicateBranchName when the name is taken); the caller commits."""
    _check_name(data.name, None)
    branch = Branch()
    _apply(branch, data)
    db.session.add(branch)
    db.session.flush()
    return branch


def update_branch(branch: Branch, data: BranchData, seen_version: object) -> Branch:
    """Save changes to a branch unless someone saved it since `seen_version` (StaleEdit), or
    the new name is another branch's (DuplicateBranchName)."""
    with refuse_stale(branch, seen_version):
        _check_name(data.name, branch)
        with db.session.no_autoflush:  # one UPDATE, so the version goes up by exactly one
            _apply(branch, data)
            branch.updated_at = utcnow()
        db.session.flush()
    return branch


def invite_contact(branch: Branch, name: str, email: str) -> User:
    """Make `email` a contact of `branch` who has yet to choose a password; the caller commits
    and sends the invitation (crm.auth.emails.send_invitation).

    An unknown address gets a new account; a pending contact of this branch, or a former contact
    of any branch, is invited again, which voids every earlier link (the fingerprint is the
    password, which is renewed). InvitationRefused for the address of a volunteer or staff
    member, of another branch's contact, or of a contact of this branch who has a password.
    """
    user = find_user_by_email(email)
    if user is None:
        user = User(email=normalise_email(email), role=Role.BRANCH_CONTACT, password_hash="")
        db.session.add(user)
    elif user.role != Role.BRANCH_CONTACT:
        raise InvitationRefused(NOT_A_CONTACT)
    elif user.branch_id is not None and user.branch_id != branch.id:
        raise InvitationRefused(OTHER_BRANCH)
    elif user.branch_id == branch.id and has_usable_password(user):
        raise InvitationRefused(ALREADY_ACTIVE)
    user.name = name or user.name
    user.branch_id = branch.id
    user.active = True
    set_unusable_password(user)
    db.session.flush()
    audit.record(Action.BRANCH_CONTACT_INVITED, user_id=user.id, branch_id=branch.id)
    return user


def find_contact(branch: Branch, user_id: int) -> User | None:
    """The contact of this branch with this id, or None (never another branch's contact)."""
    user = db.session.get(User, user_id)
    if user is None or user.role != Role.BRANCH_CONTACT or user.branch_id != branch.id:
        return None
    return user


def remove_contact(user: User) -> None:
    """End a contact's tie to their branch and every session they have; the caller commits.

    The account stays, inactive and without a usable password, so their past acts (offers,
    history) keep pointing at it; a new invitation can bring them back.
    """
    user.branch_id = None
    user.active = False
    set_unusable_password(user)
    end_sessions(user, "removed")
    audit.record(Action.BRANCH_CONTACT_REMOVED, user_id=user.id)
    db.session.flush()
