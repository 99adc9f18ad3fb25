"""What the person looking at a public need can do with it, by who they are logged in as."""

from dataclasses import dataclass

from flask import current_app, url_for
from flask_login import current_user

from crm.auth.models import Role

OFFER_ENDPOINT = "branches.offer"


def offer_url(need_id: int) -> str:
    """The branch contact's form to offer help on a need (/branch/needs/<id>/offer)."""
    if OFFER_ENDPOINT in current_app.view_functions:
        return url_for(OFFER_ENDPOINT, need_id=need_id)
    return f"/branch/needs/{need_id}/offer"  # the same path, before the branch pages are merged


@dataclass(frozen=True)
class Visitor:
    """The buttons a public need shows: volunteer for it, and offer a branch's help."""

    anonymous: bool
    role: str | None

    @classmethod
    def current(cls) -> "Visitor":
        """The visitor of this request."""
        if not current_user.is_authenticated:
            return cls(anonymous=True, role=None)
        return cls(anonymous=False, role=str(current_user.role))

    @property
    def is_branch_contact(self) -> bool:
        """A branch contact offers help directly; everyone else is told how to reach theirs."""
        return self.role == Role.BRANCH_CONTACT

    def volunteer_url(self, need_id: int) -> str | None:
        """Registration remembering the need, or the volunteer's own card for it; else None."""
        if self.anonymous:
            return url_for("auth.register", need=need_id)
        if self.role == Role.VOLUNTEER:
            return url_for("my_matches.index", need=need_id, _anchor=f"need-{need_id}")
        return None

    def offer_url(self, need_id: int) -> str | None:
        """The offer form, for a branch contact only."""
        return offer_url(need_id) if self.is_branch_contact else None

    def login_to_offer_url(self, need_id: int) -> str | None:
        """For an anonymous visitor: log in, then land on the offer form (contacts only)."""
        return url_for("auth.login", next=offer_url(need_id)) if self.anonymous else None
