"""Personal access tokens for the JSON API: one row per token, holding only its hash."""

import enum
from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from crm.database import utcnow
from crm.extensions import db


class Scope(enum.StrEnum):
    """What a token may do: read only, or read and write."""

    READ = "read"
    WRITE = "write"


EXPIRY_DAYS = (7, 30, 90, 180, 365)
"""The lifetimes a token can be given; the last is the longest allowed."""


class ApiToken(db.Model):
    """A staff user's personal access token. The token itself is shown once and never stored:
    only its SHA-256 hash and a short prefix that names it on the account page."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(10), default=Scope.READ)
    """Scope.READ, or Scope.WRITE (which reads too)."""
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))

    touched = False  # not a column: find_token set last_used_at in this request

    @property
    def scopes(self) -> list[str]:
        """The scopes as the API document names them."""
        return [Scope.READ, Scope.WRITE] if self.scope == Scope.WRITE else [Scope.READ]
