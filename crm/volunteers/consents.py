"""Consent records and the profile's current consent state, always written together.

A ConsentRecord is the proof: one purpose, its legal basis, where it was collected, the consent
text version, when it was given and when withdrawn. The profile's columns consent_version,
consent_at, consent_withdrawn_at and share_with_branch are the fast current state that the
consent twins in crm/volunteers/services.py read for 100,000 volunteers. Only the functions here
change either, each changing both, so the two cannot disagree (state_from_records says what the
columns must be; tests/volunteers/test_consent_records.py holds them to it).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, exists, insert, literal, select, true

from crm.audit import log as audit
from crm.audit.log import Action
from crm.database import utcnow
from crm.extensions import db
from crm.volunteers.models import (
    EXPLICIT_CONSENT,
    ConsentPurpose,
    ConsentRecord,
    ConsentSource,
    Volunteer,
)

PROFILE_PURPOSES = (ConsentPurpose.MATCHING, ConsentPurpose.CONSULTANT_EMAIL)
"""What the consent step covers: being matched with tasks and contacted by the consultant."""


@dataclass(frozen=True)
class ConsentState:
    """The current state the profile's columns hold."""

    consent_version: str | None
    consent_at: datetime | None
    share_with_branch: bool


def _records(volunteer: Volunteer) -> list[ConsentRecord]:
    """The volunteer's records, loaded without flushing the profile half-changed (one version
    bump per save, as the optimistic lock expects)."""
    with db.session.no_autoflush:
        return volunteer.consent_records


def _open(volunteer: Volunteer, purpose: str) -> list[ConsentRecord]:
    return [r for r in _records(volunteer) if r.purpose == purpose and r.withdrawn_at is None]


def _close(volunteer: Volunteer, purposes, now: datetime) -> None:
    for purpose in purposes:
        for record in _open(volunteer, purpose):
            record.withdrawn_at = now


def give(volunteer: Volunteer, version: str, source: str = ConsentSource.SELF_REGISTRATION) -> None:
    """The volunteer consents to matching and the consultant's e-mail under text `version`.

    An earlier open consent for these purposes ends now: the new text replaces it.
    """
    now = utcnow()
    _close(volunteer, PROFILE_PURPOSES, now)
    for purpose in PROFILE_PURPOSES:
        _records(volunteer).append(
            ConsentRecord(purpose=purpose, source=source, text_version=version, given_at=now)
        )
    volunteer.consent_version = version
    volunteer.consent_at = now
    volunteer.consent_withdrawn_at = None


def withdraw(volunteer: Volunteer) -> None:
    """The volunteer withdraws every consent, sharing with the branch included."""
    now = utcnow()
    _close(volunteer, list(ConsentPurpose), now)
    volunteer.consent_version = None
    volunteer.consent_at = None
    volunteer.consent_withdrawn_at = now
    volunteer.share_with_branch = False


def set_branch_sharing(
    volunteer: Volunteer, share: bool, source: str = ConsentSource.SELF_REGISTRATION
) -> None:
    """The volunteer's own choice to share the profile with their branch, on or off."""
    now = utcnow()
    if share != volunteer.share_with_branch:
        action = Action.CONSENT_GIVEN if share else Action.CONSENT_WITHDRAWN
        audit.record(action, volunteer_id=volunteer.id, purpose=str(ConsentPurpose.BRANCH_SHARING))
    if not share:
        _close(volunteer, [ConsentPurpose.BRANCH_SHARING], now)
    elif not _open(volunteer, ConsentPurpose.BRANCH_SHARING):
        _records(volunteer).append(
            ConsentRecord(
                purpose=ConsentPurpose.BRANCH_SHARING,
                source=source,
                text_version=volunteer.consent_version,
                given_at=now,
            )
        )
    volunteer.share_with_branch = share


def named_in_reports_condition() -> ColumnElement[bool]:
    """SQL: the volunteer's name may appear in results reports (twin of is_named_in_reports)."""
    return and_(
        Volunteer.consent_withdrawn_at.is_(None),
        exists().where(
            ConsentRecord.volunteer_id == Volunteer.id,
            ConsentRecord.purpose == str(ConsentPurpose.NAMED_IN_REPORTS),
            ConsentRecord.withdrawn_at.is_(None),
        ),
    )


def is_named_in_reports(volunteer: Volunteer) -> bool:
    """The volunteer's name may appear in results reports to the funder: an open consent record
    for it, and consent to the processing itself not withdrawn (named_in_reports_condition in
    SQL)."""
    return volunteer.consent_withdrawn_at is None and bool(
        _open(volunteer, ConsentPurpose.NAMED_IN_REPORTS)
    )


def set_named_in_reports(
    volunteer: Volunteer, named: bool, source: str = ConsentSource.SELF_REGISTRATION
) -> None:
    """The volunteer's own choice that their name may appear in results reports, on or off
    (a consent record of its own, given or withdrawn now, and audited)."""
    if named == is_named_in_reports(volunteer):
        return
    action = Action.CONSENT_GIVEN if named else Action.CONSENT_WITHDRAWN
    audit.record(action, volunteer_id=volunteer.id, purpose=str(ConsentPurpose.NAMED_IN_REPORTS))
    if named:
        _records(volunteer).append(
            ConsentRecord(
                purpose=ConsentPurpose.NAMED_IN_REPORTS,
                source=source,
                text_version=volunteer.consent_version,
                given_at=utcnow(),
            )
        )
    else:
        _close(volunteer, [ConsentPurpose.NAMED_IN_REPORTS], utcnow())


def records_for_bulk_loaded() -> None:
    """Give the volunteers inserted in bulk with their consent columns set (the demo data) the
    records those columns stand for, in one INSERT ... SELECT per purpose."""
    for purpose, condition in (
        (ConsentPurpose.MATCHING, true()),
        (ConsentPurpose.CONSULTANT_EMAIL, true()),
        (ConsentPurpose.BRANCH_SHARING, Volunteer.share_with_branch.is_(True)),
    ):
        recorded = select(ConsentRecord.id).where(
            ConsentRecord.volunteer_id == Volunteer.id, ConsentRecord.purpose == str(purpose)
        )
        rows = select(
            Volunteer.id,
            literal(str(purpose)),
            literal(EXPLICIT_CONSENT),
            literal(str(ConsentSource.SELF_REGISTRATION)),
            Volunteer.consent_version,
            Volunteer.consent_at,
        ).where(Volunteer.consent_at.is_not(None), condition, ~recorded.exists())
        db.session.execute(
            insert(ConsentRecord).from_select(
                ["volunteer_id", "purpose", "legal_basis", "source", "text_version", "given_at"],
                rows,
            )
        )


def state_from_records(records: list[ConsentRecord]) -> ConsentState:
    """What the profile's current-state columns must say, read from the records alone."""
    matching = [
        r for r in records if r.purpose == ConsentPurpose.MATCHING and r.withdrawn_at is None
    ]
    latest = max(matching, key=lambda r: (r.given_at, r.id or 0), default=None)
    sharing = any(
        r.purpose == ConsentPurpose.BRANCH_SHARING and r.withdrawn_at is None for r in records
    )
    return ConsentState(
        consent_version=latest.text_version if latest else None,
        consent_at=latest.given_at if latest else None,
        share_with_branch=sharing,
    )


def current_state(volunteer: Volunteer) -> ConsentState:
    """What the profile's columns say now (compared with state_from_records in the tests)."""
    return ConsentState(
        volunteer.consent_version, volunteer.consent_at, bool(volunteer.share_with_branch)
    )
