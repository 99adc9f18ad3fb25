"""Writing activity reports: submit, edit, approve and reopen, and who may report at all.

A report is submitted by the volunteer on their own placement, or by a consultant for them; it
waits for a consultant's approval. An approved report is locked: only a consultant may change it
or open it again, and opened again it waits for approval once more. Every edit is checked
against the version the form was opened at (crm/locking.py).
"""

from dataclasses import dataclass
from datetime import date

from crm.activities.models import ActivityReport, ReportStatus
from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.database import utcnow
from crm.extensions import db
from crm.locking import refuse_stale
from crm.matches.models import Match
from crm.projects.models import Need
from crm.volunteers.models import Volunteer
from crm.volunteers.services import has_withdrawn_consent, is_erased


class ReportLocked(Exception):
    """The report is approved: only a consultant may change it or open it again."""


class CannotReport(Exception):
    """The volunteer withdrew consent or was erased: nobody reports for them any more."""


@dataclass(frozen=True)
class ReportData:
    """What the report form gives the services."""

    started_on: date
    ended_on: date | None
    days: float | None
    hours: float | None
    country: str
    activity_type: str
    participants: int | None
    participants_women: int | None
    participants_young: int | None
    outcome_area_id: int | None
    description: str


def may_report(volunteer: Volunteer) -> bool:
    """Activities may be reported, and debriefs written, for the volunteer: they have not
    withdrawn consent (nothing new is processed about them then) and were not erased (their
    reports stay, counted, either way). The one rule for both (crm/activities/debriefs.py)."""
    return not has_withdrawn_consent(volunteer) and not is_erased(volunteer)


def is_locked(report: ActivityReport) -> bool:
    """An approved report is locked for the volunteer (twin of the status shown on the pages)."""
    return report.status == ReportStatus.APPROVED


def _apply(report: ActivityReport, data: ReportData) -> None:
    report.started_on = data.started_on
    report.ended_on = data.ended_on
    report.days = data.days
    report.hours = data.hours
    report.country = data.country
    report.activity_type = data.activity_type
    report.participants = data.participants
    report.participants_women = data.participants_women
    report.participants_young = data.participants_young
    report.outcome_area_id = data.outcome_area_id
    report.description = data.description


def submit(match: Match, volunteer: Volunteer, data: ReportData, user: User) -> ActivityReport:
    """Add a report on the placement `match`, written by `user` (the volunteer or a consultant);
    it waits for approval. A consultant's is audited as a change of the volunteer's record.
    Raises CannotReport for a volunteer who may not report."""
    if not may_report(volunteer):
        raise CannotReport
    need = db.session.get(Need, match.need_id)
    report = ActivityReport(
        match_id=match.id,
        volunteer_id=volunteer.id,
        project_id=need.project_id,
        status=ReportStatus.SUBMITTED,
        submitted_by=user.id,
    )
    _apply(report, data)
    db.session.add(report)
    db.session.flush()
    if user.is_staff:
        _audit(report, "reported")
    return report


def update(
    report: ActivityReport,
    volunteer: Volunteer,
    data: ReportData,
    seen_version: object,
    *,
    by_staff: bool,
) -> ActivityReport:
    """Save changes to a report seen at `seen_version` (StaleEdit when someone saved it since).

    The volunteer may change a report only while it waits for approval (ReportLocked after); a
    consultant may change any, and an approved one stays approved. A consultant's change is
    audited as a change of the volunteer's record; the volunteer's own is not."""
    if not may_report(volunteer):
        raise CannotReport
    if is_locked(report) and not by_staff:
        raise ReportLocked
    with refuse_stale(report, seen_version):
        _apply(report, data)
        db.session.flush()
    if by_staff:
        _audit(report, "edited")
    return report


def approve(report: ActivityReport, user: User, seen_version: object) -> ActivityReport:
    """A consultant approves the report: it is locked and counted in results from now on
    (an approved one stays as it is)."""
    if is_locked(report):
        return report
    with refuse_stale(report, seen_version):
        report.status = ReportStatus.APPROVED
        report.approved_at = utcnow()
        report.approved_by = user.id
        db.session.flush()
    _audit(report, "approved")
    return report


def reopen(report: ActivityReport, seen_version: object) -> ActivityReport:
    """A consultant opens an approved report again: it waits for approval again, and the
    volunteer may change it meanwhile (one waiting for approval stays as it is)."""
    if not is_locked(report):
        return report
    with refuse_stale(report, seen_version):
        report.status = ReportStatus.SUBMITTED
        report.approved_at = None
        report.approved_by = None
        db.session.flush()
    _audit(report, "reopened")
    return report


def opened_by_staff(report: ActivityReport) -> None:
    """A member of staff opened the report's form: written to the audit log as a view of the
    volunteer's record (the report's id, never its text)."""
    audit.record(
        Action.RECORD_VIEWED,
        volunteer_id=report.volunteer_id,
        page="activity_report",
        report_id=report.id,
    )


def _audit(report: ActivityReport, change: str) -> None:
    """A record change on the volunteer's record: which report and what, never its text."""
    audit.record(
        Action.RECORD_CHANGED,
        volunteer_id=report.volunteer_id,
        record="activity_report",
        report_id=report.id,
        change=change,
    )
