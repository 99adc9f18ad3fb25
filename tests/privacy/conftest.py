"""A volunteer with a full history: profile, consents, matches, contacts, notes and offers."""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import Role, User
from crm.models import (
    ExperienceEntry,
    Match,
    OfferMember,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
)
from crm.volunteers import services
from tests.activities.factories import add_report
from tests.consultant.factories import (
    add_contact,
    add_follow_up,
    add_match,
    add_signal,
    add_transition,
)

SECRETS = (
    "Mette",
    "Hemmeligsen",
    "mette.h@example.org",
    "+45 11 22 33 44",
    "Skælskør",
    "Vil gerne hjælpe i Kenya",
    "Formand for DSU Skælskør",
    "NOTE-OM-METTE",
    "GRUND-OM-METTE",
    "REFERAT-OM-METTE",
    "UDFALD-OM-METTE",
    "OPFØLGNING-OM-METTE",
    "AKTIVITET-OM-METTE",
    "TILBUD-NÆVNER-METTE",
    "SIGNAL-NOTE-METTE",
)
"""Every piece of Mette's personal data and every free text about her (erasure looks for them)."""


@dataclass
class History:
    volunteer: Volunteer
    user_id: int
    consultant: User
    other: Volunteer
    need: object
    match: Match
    offer: Match
    branch: object


@pytest.fixture()
def history(db, make_user, make_volunteer, make_need, make_branch) -> History:
    """Mette, a member of a branch who shares with it, with one of everything held about her."""
    branch = make_branch(name="Slagelse-afdelingen")
    consultant = make_user(Role.CONSULTANT, email="karen@example.org", name="Karen Konsulent")
    contact = make_user(Role.BRANCH_CONTACT, email="bo@example.org", branch_id=branch.id)
    mette = make_volunteer(
        email="mette.h@example.org",
        first_name="Mette",
        last_name="Hemmeligsen",
        phone="+45 11 22 33 44",
        city="Skælskør",
        postcode="4230",
        branch_id=branch.id,
        motivation="Vil gerne hjælpe i Kenya",
        hours_per_month=10,
        travel="long",
        consent_version=None,
        consent_at=None,
    )
    mette.experience = [
        ExperienceEntry(
            area="local-democracy", level=3, years=4, description="Formand for DSU Skælskør"
        )
    ]
    mette.languages = [VolunteerLanguage(code="en", level="C1")]
    mette.countries = [VolunteerCountry(code="KE")]
    services.give_consent(mette, "2026-11")
    services.update_contact(
        mette,
        first_name="Mette",
        last_name="Hemmeligsen",
        phone="+45 11 22 33 44",
        postcode="4230",
        city="Skælskør",
        branch_id=branch.id,
        share_with_branch=True,
    )
    services.declared_skills(mette)
    db.session.commit()
    other = make_volunteer(first_name="Ole", last_name="Andersen", branch_id=branch.id)
    need = make_need(title="Træner i Nairobi")
    match = add_match(need, mette, state="placed", score=72.5)
    add_match(need, other, state="suggested", score=99.5)
    add_transition(match, "suggested", "shortlisted", user=consultant, note="NOTE-OM-METTE")
    step = add_transition(match, "shortlisted", "placed", user=consultant)
    step.reason = "GRUND-OM-METTE"
    add_signal(match, note="SIGNAL-NOTE-METTE")
    add_contact(
        mette,
        consultant,
        summary="REFERAT-OM-METTE",
        outcome="UDFALD-OM-METTE",
        match_id=match.id,
        at=datetime(2027, 1, 4, 10, tzinfo=UTC),
    )
    add_contact(mette, consultant, summary="Hej Mette, her er opgaven", channel="email")
    add_follow_up(consultant, date(2027, 2, 1), volunteer=mette, note="OPFØLGNING-OM-METTE")
    offer = Match(
        need_id=need.id,
        branch_id=branch.id,
        state="suggested",
        offered_at=datetime(2027, 1, 3, tzinfo=UTC),
        offered_by=contact.id,
        offer_message="TILBUD-NÆVNER-METTE",
    )
    db.session.add(offer)
    db.session.flush()
    db.session.add(OfferMember(match_id=offer.id, volunteer_id=mette.id))
    add_report(match, description="AKTIVITET-OM-METTE")
    audit.record(Action.RECORD_VIEWED, volunteer_id=mette.id, actor=consultant)
    db.session.commit()
    return History(mette, mette.user_id, consultant, other, need, match, offer, branch)


@pytest.fixture()
def volunteer_without_history(make_volunteer, auth) -> Volunteer:
    """A logged-in volunteer who has done nothing yet."""
    volunteer = make_volunteer(consent_version=None, consent_at=None)
    auth.login(volunteer.email)
    return volunteer
