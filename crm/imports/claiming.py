"""Imported people claim their profile: an e-mailed, signed, expiring link that works once.

The link carries the volunteer's id and the secret of their latest invitation (claim_nonce): a
new invitation replaces the secret, so the earlier link is void, and claiming clears it, so the
link works once. Claiming creates the volunteer's account; consent comes after, on the profile's
consent step (with source "import"), and until then they are never matched.
"""

import secrets
from collections.abc import Iterable

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadData, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func, select
from sqlalchemy.orm.attributes import flag_modified

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.emails import link_validity
from crm.auth.models import Role, User, normalise_email
from crm.auth.services import confirm_email, create_user, find_user_by_email
from crm.auth.tokens import TokenState
from crm.database import utcnow
from crm.extensions import db
from crm.outbox.writer import queue_mail
from crm.urls import external_url
from crm.volunteers.models import Volunteer
from crm.volunteers.services import (
    is_unclaimed_import,
    not_erased_condition,
    unclaimed_import_condition,
)

SALT = "claim-imported-profile"


class AccountExists(Exception):
    """Someone already has an account with the profile's address: they log in instead."""


def unclaimed_profile_of(email: str) -> Volunteer | None:
    """The imported, unclaimed, not erased profile with this address and no account, if any
    (registering with its address is the same person: they are invited to claim it)."""
    return db.session.scalars(
        select(Volunteer)
        .where(
            func.lower(Volunteer.email) == normalise_email(email),
            unclaimed_import_condition(),
            Volunteer.user_id.is_(None),
            not_erased_condition(),
        )
        .order_by(Volunteer.id)
        .limit(1)
    ).first()


def can_be_invited(volunteer: Volunteer) -> bool:
    """Imported, not claimed, not erased, with an address to write to."""
    return is_unclaimed_import(volunteer) and volunteer.erased_at is None and bool(volunteer.email)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def make_claim_token(volunteer: Volunteer) -> str:
    """The token of the volunteer's latest invitation."""
    return _serializer().dumps([volunteer.id, volunteer.claim_nonce])


def check_claim_token(token: str) -> tuple[Volunteer | None, TokenState]:
    """The volunteer a claim link was made for (None when it is not genuine) and its state:
    EXPIRED past CLAIM_MAX_AGE, USED when claimed or replaced by a newer invitation."""
    serializer = _serializer()
    try:
        payload = serializer.loads(token, max_age=current_app.config["CLAIM_MAX_AGE"])
        state = TokenState.VALID
    except SignatureExpired as error:
        try:
            payload = serializer.load_payload(error.payload) if error.payload else None
        except BadData:
            payload = None
        state = TokenState.EXPIRED
    except (BadData, ValueError, TypeError):
        return None, TokenState.INVALID
    if not (isinstance(payload, list) and len(payload) == 2 and isinstance(payload[0], int)):
        return None, TokenState.INVALID
    volunteer = db.session.get(Volunteer, payload[0])
    if volunteer is None or volunteer.erased_at is not None:
        return None, TokenState.INVALID
    if state == TokenState.VALID and (
        not is_unclaimed_import(volunteer)
        or volunteer.claim_nonce is None
        or not secrets.compare_digest(str(payload[1]), volunteer.claim_nonce)
    ):
        state = TokenState.USED
    return volunteer, state


def _send(volunteer: Volunteer) -> None:
    """The invitation e-mail, in the default language (an imported person has chosen none)."""
    config = current_app.config
    link = external_url("imports.claim", token=make_claim_token(volunteer))
    with force_locale(config["BABEL_DEFAULT_LOCALE"]):
        subject = _("Your volunteer profile with the international department")
        body = _(
            "Hello %(name)s,\n\n"
            "You are on our list of volunteers for the party's international work, and we have "
            "made a volunteer profile for you in our new tool from that list.\n\n"
            "Open this link within %(validity)s to choose a password, check what we hold about "
            "you and decide whether we may use it to match you with tasks abroad:\n%(link)s\n\n"
            "Until you say yes, we do not use your profile for anything. The link works once. "
            "If you do not want a profile, ignore this e-mail or write to us, and we will "
            "delete it.",
            name=volunteer.first_name or volunteer.full_name,
            validity=link_validity(config["CLAIM_MAX_AGE"]),
            link=link,
        )
    queue_mail(
        volunteer.email,
        subject,
        f"{body}\n\n{config['CONSULTANT_NAME']}\n{config['CONSULTANT_EMAIL']}",
        kind="claim-invitation",
    )


def invite(volunteers: Iterable[Volunteer]) -> int:
    """Invite each imported, unclaimed volunteer to claim their profile; an earlier link of
    theirs stops working. Returns how many were invited (others are passed over)."""
    count = 0
    now = utcnow()
    for volunteer in volunteers:
        if not can_be_invited(volunteer):
            continue
        volunteer.claim_nonce = secrets.token_hex(16)
        volunteer.claim_invited_at = now
        volunteer.updated_at = volunteer.updated_at  # written as it was: being invited is
        flag_modified(volunteer, "updated_at")  # no activity of theirs (retention counts those)
        _send(volunteer)
        audit.record(
            Action.CLAIM_INVITED, volunteer_id=volunteer.id, batch_id=volunteer.import_batch_id
        )
        count += 1
    db.session.flush()
    return count


def claim(volunteer: Volunteer, password: str, locale: str | None) -> User:
    """The person chose a password: their volunteer account is created and linked to the
    imported profile, and the link is spent. Consent is still to be given (the profile's
    consent step), so they stay unmatched until then."""
    if find_user_by_email(volunteer.email) is not None:
        raise AccountExists
    user = create_user(
        volunteer.email, password, Role.VOLUNTEER, name=volunteer.full_name, locale=locale
    )
    confirm_email(user)  # the link proved they read mail at the address
    user.last_login_at = utcnow()
    volunteer.user_id = user.id
    volunteer.claimed_at = utcnow()
    volunteer.claim_nonce = None
    audit.record(Action.PROFILE_CLAIMED, volunteer_id=volunteer.id, user_id=user.id, actor=user)
    db.session.flush()
    return user
