"""Staff accounts: list, invite, change role, deactivate and reactivate.

Every change ends the person's sessions, keeps their row (their history points at it) and is
audited. Nobody changes their own account here, and the last active admin stays an admin.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import STAFF_ROLES, Role, User
from crm.auth.services import (
    find_user_by_email,
    has_usable_password,
    normalise_email,
    set_unusable_password,
)
from crm.auth.sessions import end_sessions
from crm.extensions import db
from crm.locking import refuse_stale


class StaffChangeRefused(Exception):
    """The change cannot be made; `message` says why, to the admin. Nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


NOT_YOURSELF = _l(
    "You cannot change your own role or deactivate yourself here. Ask another administrator."
)
LAST_ADMIN = _l(
    "This is the last active administrator. Make someone else an administrator first, so that "
    "somebody can still manage the accounts."
)
EMAIL_TAKEN = _l(
    "This address already has an account. An invitation never changes an existing account: "
    "change its role or reactivate it in the list instead."
)


def staff_members() -> list[User]:
    """Consultants and admins: active ones first, then by name and address."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.role.in_([str(r) for r in STAFF_ROLES]))
            .order_by(User.active.desc(), User.name, User.email)
        )
    )


def find_staff(user_id: int) -> User | None:
    """The consultant or admin with this id, or None (never a volunteer or branch contact)."""
    user = db.session.get(User, user_id)
    return user if user is not None and user.is_staff else None


def invite_staff(name: str, email: str, role: Role) -> User:
    """A new consultant or admin without a usable password; the caller commits and sends the
    invitation (crm.auth.emails.send_invitation). Inviting someone whose invitation is still
    pending sends a fresh link (which voids the old one); any other known address is refused."""
    if role not in STAFF_ROLES:
        raise ValueError("not a staff role")
    user = find_user_by_email(email)
    if user is None:
        user = User(email=normalise_email(email), password_hash="")
        db.session.add(user)
    elif not (user.is_staff and user.active and not has_usable_password(user)):
        raise StaffChangeRefused(EMAIL_TAKEN)
    else:
        user.version += 1
    user.name, user.role = name, str(role)
    set_unusable_password(user)
    db.session.flush()
    audit.record(Action.STAFF_INVITED, user_id=user.id, role=str(role))
    return user


def _other_active_admins(user: User) -> int:
    """The other active admins, counted with every active admin's row locked (PostgreSQL), so
    that two admins demoting each other at once are taken one after the other and the second is
    refused; SQLite takes one writer at a time anyway."""
    admins = db.session.scalars(
        select(User.id).where(User.role == Role.ADMIN, User.active.is_(True)).with_for_update()
    ).all()
    return sum(1 for admin_id in admins if admin_id != user.id)


def _check_allowed(user: User, actor: User, leaves_admins: bool) -> None:
    """Refuse the last active admin's demotion or deactivation, and any change of oneself."""
    if leaves_admins and user.role == Role.ADMIN and user.active and not _other_active_admins(user):
        raise StaffChangeRefused(LAST_ADMIN)
    if user.id == actor.id:
        raise StaffChangeRefused(NOT_YOURSELF)


def change_role(user: User, role: Role, seen_version: object, actor: User) -> bool:
    """Make the member of staff a consultant or an admin (False when it already was the role).

    StaleEdit when someone changed the account since `seen_version`; StaffChangeRefused for
    oneself and for the last active admin. Ends every session of theirs; the caller commits."""
    if role not in STAFF_ROLES:
        raise ValueError("not a staff role")
    with refuse_stale(user, seen_version):
        if user.role == role:
            return False
        _check_allowed(user, actor, leaves_admins=role != Role.ADMIN)
        old = user.role
        user.role = str(role)
        user.version += 1
        db.session.flush()
    end_sessions(user, "role")
    audit.record(Action.ROLE_CHANGED, user_id=user.id, old=old, new=str(role))
    return True


def set_active(user: User, active: bool, seen_version: object, actor: User) -> bool:
    """Deactivate or reactivate the account (False when it already was so); see change_role."""
    with refuse_stale(user, seen_version):
        if user.active == active:
            return False
        _check_allowed(user, actor, leaves_admins=not active)
        user.active = active
        if active and not has_usable_password(user):
            set_unusable_password(user)  # an invitation sent before the deactivation stays void
        user.version += 1
        db.session.flush()
    end_sessions(user, "deactivated" if not active else "reactivated")
    audit.record(Action.REACTIVATED if active else Action.DEACTIVATED, user_id=user.id)
    return True
