"""The volunteer's own activity reports: a placement's page, reporting an activity on it, and
changing a report while it waits for approval. crm/activities/staff_views.py adds the
consultant's routes to the same blueprint."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.activities import placements, reports
from crm.activities.forms import ActivityReportForm
from crm.activities.models import ActivityReport
from crm.activities.placements import Placement
from crm.auth.access import role_required
from crm.auth.models import Role
from crm.extensions import db
from crm.locking import StaleEdit
from crm.volunteers import consents
from crm.volunteers import services as volunteer_services
from crm.volunteers.models import Volunteer

bp = Blueprint("activities", __name__)


def locked_message() -> str:
    """Why a volunteer cannot change an approved report."""
    return _(
        "This report is approved and locked. If something in it must change, ask the "
        "international consultant, who can open it again."
    )


def cannot_report_message() -> str:
    """Why nobody can report for a volunteer who withdrew consent or was erased."""
    return _(
        "Activities cannot be reported: the volunteer has withdrawn their consent. Reports "
        "already made are kept as figures."
    )


def approved_meanwhile_message() -> str:
    """Why a volunteer's edit was not saved: the report was approved after they opened it."""
    return _(
        "Your changes were not saved: the consultant approved this report after you opened it, "
        "and an approved report is locked. What you typed is still in the form below; ask the "
        "international consultant if something in the report must change."
    )


def stale_message() -> str:
    """Why an edit that lost the race was not saved."""
    return _(
        "Your changes were not saved: someone else saved this report after you opened it. "
        "Your text is still in the form below. Open the report again to see the current "
        "version, then make your changes there."
    )


def report_form(
    item: Placement, formdata=None, report: ActivityReport | None = None
) -> ActivityReportForm:
    """The report form for a placement: its countries first, the active outcome areas (and the
    report's own, should it have been retired since)."""
    return ActivityReportForm(
        formdata=formdata,
        countries=placements.project_countries(item),
        areas=placements.outcome_areas(keep=report.outcome_area_id if report else None),
    )


def render_form(item: Placement, form, report: ActivityReport | None, status: int = 200, **kw):
    """The report form page (volunteer or consultant)."""
    return render_template(
        "activities/report_form.html", item=item, form=form, report=report, **kw
    ), status


def _volunteer() -> Volunteer:
    return volunteer_services.profile_for(current_user) or abort(404)


def _own_placement(placement_id: int) -> tuple[Volunteer, Placement]:
    """The logged-in volunteer and their own placement, or 404."""
    volunteer = _volunteer()
    item = placements.placement(placement_id, volunteer.id) or abort(404)
    return volunteer, item


def _refused(item: Placement, message: str, status: int):
    return render_template(
        "activities/report_form.html", item=item, form=None, report=None, refusal=message
    ), status


def _to_placement(item: Placement, report: ActivityReport):
    return redirect(
        url_for(".placement", placement_id=item.match.id, _anchor=f"report-{report.id}")
    )


@bp.get("/me/activities/placements/<int:placement_id>")
@role_required(Role.VOLUNTEER)
def placement(placement_id: int):
    """One of the volunteer's placements with the activities they reported on it."""
    volunteer, item = _own_placement(placement_id)
    return render_template(
        "activities/placement.html", item=item, may_report=reports.may_report(volunteer)
    )


@bp.route("/me/activities/placements/<int:placement_id>/report", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER)
def new_report(placement_id: int):
    """Report an activity on the volunteer's own placement; it waits for approval."""
    volunteer, item = _own_placement(placement_id)
    if not item.takes_reports:
        abort(404)
    if not reports.may_report(volunteer):
        return _refused(item, cannot_report_message(), 403)
    form = report_form(item, request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.named_in_reports.data = consents.is_named_in_reports(volunteer)
    if not form.validate_on_submit():
        return render_form(item, form, None, 400 if request.method == "POST" else 200)
    report = reports.submit(item.match, volunteer, form.to_data(), current_user)
    consents.set_named_in_reports(volunteer, form.named_in_reports.data)
    db.session.commit()
    flash(_("Thank you! Your report is saved and waits for the consultant's approval."), "success")
    return _to_placement(item, report)


@bp.route("/me/activities/reports/<int:report_id>", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER)
def edit_report(report_id: int):
    """Change one's own report while it waits for approval; an approved one is locked (409)."""
    volunteer = _volunteer()
    report = placements.report(report_id, volunteer.id) or abort(404)
    item = placements.placement(report.match_id, volunteer.id) or abort(404)
    if not reports.may_report(volunteer):
        return _refused(item, cannot_report_message(), 403)
    if reports.is_locked(report) and request.method == "GET":
        return _refused(item, locked_message(), 200)
    form = report_form(item, request.form if request.method == "POST" else None, report)
    if reports.is_locked(report):  # approved after the form was opened: keep what was typed
        flash(approved_meanwhile_message(), "error")
        return render_form(item, form, report, 409)
    if request.method == "GET":
        form.fill(report)
        form.named_in_reports.data = consents.is_named_in_reports(volunteer)
    if not form.validate_on_submit():
        return render_form(item, form, report, 400 if request.method == "POST" else 200)
    try:
        reports.update(report, volunteer, form.to_data(), form.version.data, by_staff=False)
    except reports.ReportLocked:
        db.session.rollback()
        flash(approved_meanwhile_message(), "error")
        return render_form(item, form, report, 409)
    except StaleEdit:
        db.session.rollback()
        flash(stale_message(), "error")
        return render_form(item, form, report, 409)
    consents.set_named_in_reports(volunteer, form.named_in_reports.data)
    db.session.commit()
    flash(_("Your report is saved and waits for the consultant's approval."), "success")
    return _to_placement(item, report)
