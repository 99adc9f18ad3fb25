"""User accounts and their roles."""

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, validates

from crm.database import utcnow
from crm.extensions import db


class Role(enum.StrEnum):
    """What a user may do; see the permission table in PRODUCT.md."""

    VOLUNTEER = "volunteer"
    BRANCH_CONTACT = "branch_contact"
    CONSULTANT = "consultant"
    ADMIN = "admin"


STAFF_ROLES = frozenset({Role.CONSULTANT, Role.ADMIN})


def normalise_email(email: str) -> str:
    """E-mail addresses are compared case-insensitively and without surrounding space.

    Every stored address is in this form (User's validator below), so a lookup compares the
    normalised text with the column as it is and uses its unique index.
    """
    return email.strip().lower()


class User(UserMixin, db.Model):
    """A login: a volunteer, a branch contact or a member of staff."""

    __tablename__ = "user"
    __table_args__ = {"sqlite_autoincrement": True}  # a deleted login's id is never reused

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.VOLUNTEER, index=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    branch_id: Mapped[int | None] = mapped_column(ForeignKey("branch.id", ondelete="SET NULL"))
    locale: Mapped[str | None] = mapped_column(String(5))
    email_confirmed_at: Mapped[datetime | None]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    last_dashboard_at: Mapped[datetime | None]
    calendar_token: Mapped[str | None] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(default=1, server_default="1")
    """Raised by an admin's change of the account (role, active); a stale admin form is refused.
    Other updates (a login, a password) leave it as it is, but are refused if it moved meanwhile."""

    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}

    @validates("email")
    def _normalised_email(self, _key: str, email: str) -> str:
        return normalise_email(email)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    session_token = None  # str | None; not a column
    """The token of the LoginSession this request runs in (crm.auth.sessions); not stored."""

    def get_id(self) -> str:  # Flask-Login: stored in the session and remember cookie
        if self.session_token is None:
            raise RuntimeError("start_session(user) before login_user(user)")
        return f"{self.id}:{self.session_token}"

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def __repr__(self) -> str:
        return f"<User {self.id} {self.role}>"
