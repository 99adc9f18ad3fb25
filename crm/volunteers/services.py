"""Volunteer profile operations: create, update each section, derive skills, export; the twins."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import ColumnElement, and_, func, select

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.branches.models import Branch
from crm.database import utcnow
from crm.extensions import db
from crm.matching.levels import EXPERIENCE_LEVELS as LEVELS
from crm.matching.model import Skill, best_per_area
from crm.volunteers import consent_texts, consents
from crm.volunteers.models import (
    ConsentSource,
    ExperienceEntry,
    NeedsEmail,
    Volunteer,
    VolunteerCountry,
    VolunteerLanguage,
    VolunteerSkill,
)


@dataclass(frozen=True)
class ExperienceData:
    """One experience entry as submitted: an area with level and years, or free text alone."""

    id: int | None
    area: str | None
    level: int | None
    years: int | None
    description: str


def create_profile(user: User, first_name: str, last_name: str) -> Volunteer:
    """Start an empty profile for a newly registered volunteer; the caller commits."""
    volunteer = Volunteer(
        user_id=user.id, first_name=first_name, last_name=last_name, email=user.email
    )
    db.session.add(volunteer)
    db.session.flush()
    return volunteer


def profile_for(user: User) -> Volunteer | None:
    """The volunteer profile belonging to this user account, if any."""
    return db.session.scalar(select(Volunteer).where(Volunteer.user_id == user.id))


def _touch(volunteer: Volunteer) -> None:
    """Mark the profile row changed, so its version is checked and bumped on flush."""
    volunteer.updated_at = utcnow()


def branch_choices() -> list[tuple[int, str]]:
    """(id, name) of every branch, by name."""
    rows = db.session.execute(select(Branch.id, Branch.name).order_by(Branch.name))
    return [(row.id, row.name) for row in rows]


def update_contact(
    volunteer: Volunteer,
    *,
    first_name: str,
    last_name: str,
    phone: str,
    postcode: str,
    city: str,
    branch_id: int | None,
    share_with_branch: bool,
) -> bool:
    """Save step 1: contact details and branch. Sharing with the branch is the member's own,
    separate choice, and it is for one branch: a member who shared and moves to another branch
    stops sharing until they tick the box again. Returns True when that happened."""
    if branch_id is not None and db.session.get(Branch, branch_id) is None:
        raise ValueError("unknown branch")
    moved_away = volunteer.share_with_branch and branch_id != volunteer.branch_id
    volunteer.first_name = first_name.strip()
    volunteer.last_name = last_name.strip()
    volunteer.phone = phone.strip()
    volunteer.postcode = postcode.strip()
    volunteer.city = city.strip()
    volunteer.branch_id = branch_id
    share = bool(share_with_branch and branch_id is not None)
    stopped = moved_away and share
    consents.set_branch_sharing(volunteer, share and not stopped)
    _touch(volunteer)
    db.session.flush()
    return stopped


def set_email_choices(
    volunteer: Volunteer, *, needs_email: str | None = None, status_emails: bool | None = None
) -> None:
    """Save the volunteer's e-mail choices (None leaves a choice as it is): new needs that fit
    at once, weekly or never (NeedsEmail), and e-mails about their own tasks on or off. The
    profile's form and the unsubscribe link both write here."""
    if needs_email is not None:
        volunteer.needs_email = NeedsEmail(needs_email)
    if status_emails is not None:
        volunteer.status_emails = status_emails
    db.session.flush()


def replace_experience(volunteer: Volunteer, entries: Iterable[ExperienceData]) -> None:
    """Save step 2: the volunteer's entries become exactly `entries`.

    An id that is not one of this volunteer's own entries is treated as a new entry, so a
    tampered form can never touch another volunteer's data.
    """
    own = {entry.id: entry for entry in volunteer.experience}
    kept: list[ExperienceEntry] = []
    for data in entries:
        entry = own.pop(data.id, None) if data.id is not None else None
        if entry is None:
            entry = ExperienceEntry()
        entry.area = data.area or None
        entry.level = data.level
        entry.years = data.years
        entry.description = data.description.strip()
        kept.append(entry)
    volunteer.experience = kept
    _touch(volunteer)
    db.session.flush()


def replace_languages(volunteer: Volunteer, languages: Iterable[tuple[str, str]]) -> None:
    """Save step 3: (ISO 639-1 code, level) pairs, one per language."""
    wanted = dict(languages)
    current = {language.code: language for language in volunteer.languages}
    for code, language in current.items():
        if code not in wanted:
            volunteer.languages.remove(language)
    for code, level in wanted.items():
        if code in current:
            current[code].level = level
        else:
            volunteer.languages.append(VolunteerLanguage(code=code, level=level))
    _touch(volunteer)
    db.session.flush()


def replace_countries(volunteer: Volunteer, codes: Iterable[str]) -> None:
    """Save step 4: the ISO 3166 alpha-2 codes of the countries the volunteer knows."""
    wanted = set(codes)
    for country in list(volunteer.countries):
        if country.code not in wanted:
            volunteer.countries.remove(country)
    known = {country.code for country in volunteer.countries}
    for code in sorted(wanted - known):
        volunteer.countries.append(VolunteerCountry(code=code))
    _touch(volunteer)
    db.session.flush()


def availability_in_order(start: date | None, end: date | None) -> bool:
    """The one rule for an availability period: its end, when both are given, is after its
    start (the profile's form, this module and the spreadsheet import use it)."""
    return not (start and end and end <= start)


def update_availability(
    volunteer: Volunteer,
    *,
    available_from: date | None,
    available_to: date | None,
    hours_per_month: int,
    travel: str,
) -> None:
    """Save step 5: period, hours per month and travel mode."""
    if not availability_in_order(available_from, available_to):
        raise ValueError("availability ends before it starts")
    volunteer.available_from = available_from
    volunteer.available_to = available_to
    volunteer.hours_per_month = hours_per_month
    volunteer.travel = travel
    _touch(volunteer)
    db.session.flush()


def update_motivation(volunteer: Volunteer, motivation: str) -> None:
    """Save step 6: why the volunteer wants to help."""
    volunteer.motivation = motivation.strip()
    _touch(volunteer)
    db.session.flush()


def consent_source(volunteer: Volunteer) -> ConsentSource:
    """Where the volunteer's consent is collected: "import" for a profile that came from a
    spreadsheet (claimed by its owner, crm/imports), else their own registration."""
    if volunteer.imported_at is not None:
        return ConsentSource.IMPORT
    return ConsentSource.SELF_REGISTRATION


def give_consent(volunteer: Volunteer, consent_version: str) -> None:
    """Save step 7: record which consent text was accepted, and when (crm/volunteers/consents)."""
    consents.give(volunteer, consent_version, source=consent_source(volunteer))
    _touch(volunteer)
    audit.record(Action.CONSENT_GIVEN, volunteer_id=volunteer.id, version=consent_version)
    db.session.flush()


def withdraw_consent(volunteer: Volunteer) -> None:
    """Withdraw consent: the profile is no longer offered for matching (the caller withdraws the
    volunteer's suggestions and requests: crm.matches.consent). Sharing with the branch ends too."""
    consents.withdraw(volunteer)
    _touch(volunteer)
    audit.record(Action.CONSENT_WITHDRAWN, volunteer_id=volunteer.id)
    db.session.flush()


# "Has current consent": the ONE definition, as a SQL condition and a Python predicate side by
# side. Only volunteers who accepted the consent text now in force (current_consent_version) are
# matched, shown needs or may say "I am interested"; after a new version is published everyone must
# consent again.


def current_consent_version() -> str:
    """The version of the consent text now in force: the latest one an admin published, else
    the CONSENT_VERSION setting (looked up once per request: crm.volunteers.consent_texts)."""
    published = consent_texts.in_force()
    return published.label if published is not None else current_app.config["CONSENT_VERSION"]


def current_consent_condition(consent_version: str | None = None) -> ColumnElement[bool]:
    """SQL: the volunteer accepted the consent text now in force (twin of has_current_consent)."""
    version = consent_version or current_consent_version()
    # coalesce: never NULL, so that ~current_consent_condition() is "missing or outdated"
    return and_(
        Volunteer.consent_at.is_not(None), func.coalesce(Volunteer.consent_version, "") == version
    )


def has_current_consent(volunteer: Volunteer, consent_version: str | None = None) -> bool:
    """True when the volunteer accepted the consent text now in force (twin of the SQL above)."""
    version = consent_version or current_consent_version()
    return volunteer.consent_at is not None and volunteer.consent_version == version


# "Shares their profile with their branch": the ONE definition, SQL and Python side by side. A
# branch sees a member by name, profile or in an offer only when the member chose to share with
# it (a separate consent on the profile, off by default) and holds the consent now in force.


def shares_with_branch_condition(branch_id: int) -> ColumnElement[bool]:
    """SQL: a member of `branch_id` who shares their profile with it (twin below)."""
    return and_(
        Volunteer.branch_id == branch_id,
        Volunteer.share_with_branch.is_(True),
        current_consent_condition(),
    )


def shares_with_branch(volunteer: Volunteer, branch_id: int) -> bool:
    """True when the volunteer is a member of `branch_id` and shares their profile with it."""
    return (
        volunteer.branch_id == branch_id
        and volunteer.share_with_branch
        and has_current_consent(volunteer)
    )


def consent_withdrawn_condition() -> ColumnElement[bool]:
    """SQL: the volunteer withdrew consent and has not given it again (twin below)."""
    return Volunteer.consent_withdrawn_at.is_not(None)


def has_withdrawn_consent(volunteer: Volunteer) -> bool:
    """True when the volunteer withdrew consent and has not given it again (twin of the SQL)."""
    return volunteer.consent_withdrawn_at is not None


# "Imported and not yet claimed": the ONE definition, SQL and Python side by side. Such a
# person has no account and no consent (crm/imports): never matched, never shown to a branch.
def unclaimed_import_condition() -> ColumnElement[bool]:
    """SQL: the volunteer came from an import and has not claimed the profile (twin below)."""
    return and_(Volunteer.imported_at.is_not(None), Volunteer.claimed_at.is_(None))


def is_unclaimed_import(volunteer: Volunteer) -> bool:
    """True when the volunteer came from an import and has not claimed the profile."""
    return volunteer.imported_at is not None and volunteer.claimed_at is None


# "Was erased": the ONE definition, SQL and Python side by side. An erased person is an empty
# tombstone kept for the counts (crm/rights/erasure.py); every list of people leaves it out.
def not_erased_condition() -> ColumnElement[bool]:
    """SQL: the volunteer was not erased (twin of is_erased)."""
    return Volunteer.erased_at.is_(None)


def is_erased(volunteer: Volunteer) -> bool:
    """True when the volunteer was erased (twin of not_erased_condition, negated)."""
    return volunteer.erased_at is not None


def consent_status(volunteer: Volunteer, consent_version: str | None = None) -> str:
    """The consent status: "given" (the text now in force), "outdated" or "missing" (never)."""
    if has_current_consent(volunteer, consent_version):
        return "given"
    return "outdated" if volunteer.consent_at is not None else "missing"


def consent_is_outdated(volunteer: Volunteer, consent_version: str | None = None) -> bool:
    """True when the volunteer consented, but to an older consent text: they must consent again."""
    return volunteer.consent_at is not None and not has_current_consent(volunteer, consent_version)


# The profile's steps, in order, each with how to tell it is filled in: the one list of the steps
# (crm/volunteers/steps.py gives each its form). A check takes the profile and the consent version.
_DONE: dict[str, Callable[[Volunteer, str | None], bool]] = {
    "contact": lambda v, _version: bool(v.first_name and v.last_name and v.city),
    "experience": lambda v, _version: bool(v.experience),
    "languages": lambda v, _version: bool(v.languages),
    "countries": lambda v, _version: bool(v.countries),
    "availability": lambda v, _version: v.hours_per_month is not None and v.travel is not None,
    "motivation": lambda v, _version: bool(v.motivation),
    "consent": has_current_consent,
}
STEPS: tuple[str, ...] = tuple(_DONE)
OPTIONAL_STEPS = frozenset({"countries"})
"""Steps a complete profile may leave empty: not everyone knows a country abroad."""


def step_done(volunteer: Volunteer, step: str, consent_version: str | None = None) -> bool:
    """Whether the given step of the profile has been filled in."""
    done = _DONE.get(step)
    if done is None:
        raise ValueError(f"unknown step {step!r}")
    return done(volunteer, consent_version)


def missing_steps(volunteer: Volunteer, consent_version: str | None = None) -> list[str]:
    """The required steps not yet filled in, in order."""
    return [
        step
        for step in STEPS
        if step not in OPTIONAL_STEPS and not step_done(volunteer, step, consent_version)
    ]


def declared_skills(volunteer: Volunteer) -> None:
    """Rebuild the volunteer's declared VolunteerSkill rows: the best declared level per area.

    Rows from other sources (e.g. normalised free text) are kept, unless the volunteer now
    declares that area, in which case the declared level wins.
    """
    declared = (
        Skill(e.area, e.level) for e in volunteer.experience if e.area and e.level in LEVELS
    )
    best = {area: skill.level for area, skill in best_per_area(declared).items()}
    current = {skill.area: skill for skill in volunteer.skills}
    for area, skill in current.items():
        if skill.source == "declared" and area not in best:
            volunteer.skills.remove(skill)
    for area, level in best.items():
        skill = current.get(area)
        if skill is None:
            volunteer.skills.append(
                VolunteerSkill(area=area, level=level, confidence=1.0, source="declared")
            )
        else:
            skill.level, skill.confidence, skill.source = level, 1.0, "declared"
    db.session.flush()
