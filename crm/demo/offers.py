"""Demo offers of help from branches: one from the demo contact's branch that the consultant has
taken on (so the contact sees it handled), and a few new ones for the dashboard."""

import random
from datetime import timedelta

from sqlalchemy import select

from crm.auth.models import Role, User
from crm.auth.services import set_unusable_password
from crm.branches.models import Branch
from crm.contacts.models import ContactLogEntry
from crm.demo.clock import DemoClock
from crm.extensions import db
from crm.matches import offers, services
from crm.matches.branch_fit import needs_for_branch
from crm.matches.models import MatchState
from crm.matches.offers import OfferRefused

MESSAGES = (
    "Vi har flere medlemmer med erfaring fra byrådet og vil gerne hjælpe. Ring til os.",
    "Vores ungdomsnetværk har arbejdet med præcis det her. Vi kan stille med to-tre personer.",
    "Vi har holdt kandidatskole i tre år og deler gerne materialer og erfaringer.",
)
NEW_OFFERS = 2
"""Branches besides the demo contact's that have just offered help (new on the dashboard)."""


def load_offers(seed: int, clock: DemoClock, consultant_id: int) -> int:
    """Make the demo offers through the offer service; returns how many. The caller commits."""
    rng = random.Random(seed * 31 + 5)
    contact = db.session.scalar(
        select(User).where(User.role == Role.BRANCH_CONTACT, User.branch_id.is_not(None))
    )
    if contact is None:
        return 0
    consultant = db.session.get(User, consultant_id)
    own = db.session.get(Branch, contact.branch_id)
    others = list(
        db.session.scalars(
            select(Branch).where(Branch.id != own.id, Branch.experience.any()).order_by(Branch.id)
        )
    )
    made = 0
    for number, branch in enumerate([own, *others[:NEW_OFFERS]]):
        fits = needs_for_branch(branch, clock.today).fits
        if not fits:
            continue
        need = fits[min(number, len(fits) - 1)].need
        try:
            who = contact if branch is own else _contact_of(branch, number)
            match = offers.offer_help(branch, need, who, rng.choice(MESSAGES))
        except OfferRefused:
            continue
        offered = clock.daytime(rng, clock.today - timedelta(days=rng.randint(8, 14)))
        match.offered_at = offered
        if branch is own:  # the consultant took it on: shortlisted, then called the branch
            for days, state in ((2, MatchState.SHORTLISTED), (4, MatchState.CONTACTED)):
                step = services.transition(match, state, consultant)
                step.at = clock.daytime(rng, offered.date() + timedelta(days=days), (9, 16))
            called = step.at - timedelta(minutes=rng.randint(5, 40))
            db.session.add(
                ContactLogEntry(
                    branch_id=own.id,
                    author_id=consultant_id,
                    channel="phone",
                    direction="out",
                    at=called,
                    summary="Ringede til afdelingen om tilbuddet og aftalte et møde.",
                    match_id=match.id,
                    created_at=called,
                    updated_at=called,
                )
            )
        else:
            match.offered_at = clock.daytime(rng, clock.today - timedelta(days=rng.randint(1, 3)))
        made += 1
    db.session.flush()
    return made


def _contact_of(branch: Branch, number: int) -> User:
    """A demo contact for another branch: invited, no password set yet (cannot log in)."""
    user = User(
        email=f"afdeling{number}@example.org",
        role=Role.BRANCH_CONTACT,
        name=f"Kontaktperson i {branch.municipality}",
        branch_id=branch.id,
        password_hash="",
    )
    set_unusable_password(user)
    db.session.add(user)
    db.session.flush()
    return user
