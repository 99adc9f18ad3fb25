"""One demo account of each role, and the demo volunteer's complete profile."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from crm.auth.models import Role, User
from crm.branches.models import Branch
from crm.demo.clock import DemoClock
from crm.extensions import db
from crm.volunteers.models import (
    ExperienceEntry,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)

DEMO_PASSWORD = "demo-password-2026"  # documented in the README, for local use only
CONSULTANT_EMAIL = "konsulent@example.org"
VOLUNTEER_EMAIL = "frivillig@example.org"


@dataclass(frozen=True)
class DemoAccounts:
    """The four demo users."""

    consultant: User
    admin: User
    branch_contact: User
    volunteer: User


def _user(email: str, role: Role, name: str, password_hash: str, at: datetime, **kw) -> User:
    return User(
        email=email,
        role=role,
        name=name,
        password_hash=password_hash,
        email_confirmed_at=at,
        created_at=at,
        **kw,
    )


def load_accounts(password_hash: str, branch: Branch, clock: DemoClock) -> DemoAccounts:
    """Create the consultant, admin, branch contact and volunteer accounts; the caller commits."""
    at = clock.daytime_at(clock.today - timedelta(days=400), 9)
    consultant = _user(CONSULTANT_EMAIL, Role.CONSULTANT, "Demo Konsulent", password_hash, at)
    admin = _user("admin@example.org", Role.ADMIN, "Demo Administrator", password_hash, at)
    contact = _user(
        "afdeling@example.org",
        Role.BRANCH_CONTACT,
        "Demo Afdelingskontakt",
        password_hash,
        at,
        branch_id=branch.id,
    )
    volunteer_user = _user(VOLUNTEER_EMAIL, Role.VOLUNTEER, "Frida Frivillig", password_hash, at)
    db.session.add_all([consultant, admin, contact, volunteer_user])
    db.session.flush()
    db.session.add(_demo_volunteer(volunteer_user, branch, at, clock))
    db.session.flush()
    return DemoAccounts(consultant, admin, contact, volunteer_user)


def _demo_volunteer(user: User, branch: Branch, at: datetime, clock: DemoClock) -> Volunteer:
    """A complete profile that fits several demo needs, consented to the current text.

    Registered long ago, the demo volunteer gave consent again on the day after the current
    consent text came into force (or soon after registering, when the version names no month).
    """
    since = clock.consent_since
    consent_at = (
        clock.daytime_at(min(since + timedelta(days=1), clock.today - timedelta(days=1)), 10)
        if since is not None and since > at.date()
        else at + timedelta(minutes=20)
    )
    volunteer = Volunteer(
        user_id=user.id,
        first_name="Frida",
        last_name="Frivillig",
        email=user.email,
        phone="",
        city=branch.municipality,
        branch_id=branch.id,
        share_with_branch=True,
        motivation="Jeg vil gerne bruge mine erfaringer fra lokalpolitik til at styrke "
        "demokratiet i andre lande.",
        available_from=date(2027, 2, 1),
        available_to=date(2027, 11, 30),
        hours_per_month=10,
        travel="short",
        consent_version=clock.consent_version,
        consent_at=consent_at,
        created_at=at,
        updated_at=consent_at,
    )
    volunteer.experience = [
        ExperienceEntry(
            area="local-democracy",
            level=3,
            years=8,
            description="Byrådsmedlem i to perioder og formand for et lokalråd.",
        ),
        ExperienceEntry(
            area="women-in-politics",
            level=2,
            years=3,
            description="Med til at starte et kvindenetværk i partiforeningen.",
        ),
        ExperienceEntry(
            area="training-facilitation",
            level=3,
            years=10,
            description="Underviser voksne og leder workshops.",
        ),
        ExperienceEntry(description="Har boet et år i Nairobi og arbejdet for en lokal NGO."),
    ]
    volunteer.languages = [
        VolunteerLanguage(code="da", level="native"),
        VolunteerLanguage(code="en", level="C1"),
        VolunteerLanguage(code="sw", level="A2"),
    ]
    volunteer.countries = [VolunteerCountry(code="KE"), VolunteerCountry(code="TZ")]
    volunteer.skills = [
        VolunteerSkill(area=e.area, level=e.level, confidence=1.0, source="declared")
        for e in volunteer.experience
        if e.area
    ]
    return volunteer
