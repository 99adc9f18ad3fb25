"""The consultant's side of activity reports: the approval queue, reporting for a volunteer,
changing any report, approving it and opening an approved one again."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.activities import placements, reports
from crm.activities.forms import ReportActionForm
from crm.activities.models import ActivityReport
from crm.activities.views import (
    bp,
    cannot_report_message,
    render_form,
    report_form,
    stale_message,
)
from crm.auth.access import staff_required
from crm.extensions import db
from crm.locking import StaleEdit


def _to_record(report: ActivityReport):
    return redirect(
        url_for(
            "consultant.volunteer",
            volunteer_id=report.volunteer_id,
            _anchor=f"report-{report.id}",
        )
    )


def _back(report: ActivityReport):
    """Back to the queue when the button was pressed there, else to the volunteer's record."""
    if request.form.get("back") == "queue":
        return redirect(url_for(".queue"))
    return _to_record(report)


def _staff_form(item, formdata=None, report=None):
    form = report_form(item, formdata, report)
    del form.named_in_reports  # the volunteer's own consent, never given for them
    return form


@bp.get("/activities/")
@staff_required
def queue():
    """The reports waiting for approval, oldest first, each with approve and change buttons."""
    return render_template(
        "activities/queue.html", waiting=placements.waiting(), form=ReportActionForm()
    )


@bp.route("/activities/placements/<int:placement_id>/report", methods=["GET", "POST"])
@staff_required
def staff_new_report(placement_id: int):
    """Report an activity for a volunteer on their placement (it waits for approval)."""
    item = placements.placement(placement_id) or abort(404)
    if not item.takes_reports:
        abort(404)
    volunteer = placements.volunteer_of(item)
    if not reports.may_report(volunteer):
        return render_form(item, None, None, 403, refusal=cannot_report_message(), staff=True)
    form = _staff_form(item, request.form if request.method == "POST" else None)
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_form(item, form, None, status, staff=True, volunteer=volunteer)
    report = reports.submit(item.match, volunteer, form.to_data(), current_user)
    db.session.commit()
    flash(_("The report is saved. It waits for approval."), "success")
    return _to_record(report)


@bp.route("/activities/<int:report_id>", methods=["GET", "POST"])
@staff_required
def staff_edit_report(report_id: int):
    """Change a report, approved or not (an approved one stays approved; audited)."""
    report = placements.report(report_id) or abort(404)
    item = placements.placement(report.match_id) or abort(404)
    volunteer = placements.volunteer_of(report)
    if not reports.may_report(volunteer):
        return render_form(item, None, report, 403, refusal=cannot_report_message(), staff=True)
    form = _staff_form(item, request.form if request.method == "POST" else None, report)
    if request.method == "GET":
        form.fill(report)
        reports.opened_by_staff(report)
        db.session.commit()
    if not form.validate_on_submit():
        status = 400 if request.method == "POST" else 200
        return render_form(item, form, report, status, staff=True, volunteer=volunteer)
    try:
        reports.update(report, volunteer, form.to_data(), form.version.data, by_staff=True)
    except StaleEdit:
        db.session.rollback()
        flash(stale_message(), "error")
        return render_form(item, form, report, 409, staff=True, volunteer=volunteer)
    db.session.commit()
    flash(_("The report is saved."), "success")
    return _to_record(report)


def _act(report_id: int, act, done: str):
    """Approve or reopen with the version the consultant saw; a stale click changes nothing."""
    report = placements.report(report_id) or abort(404)
    form = ReportActionForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        act(report, form.version.data)
    except StaleEdit:
        db.session.rollback()
        flash(
            _("Someone else changed this report first; nothing was changed. Look at it again."),
            "error",
        )
        return _back(report)
    db.session.commit()
    flash(done, "success")
    return _back(report)


@bp.post("/activities/<int:report_id>/approve")
@staff_required
def approve(report_id: int):
    """Approve a report: it is locked for the volunteer and counted in results."""
    user = current_user._get_current_object()
    return _act(
        report_id,
        lambda report, seen: reports.approve(report, user, seen),
        _("The report is approved and locked."),
    )


@bp.post("/activities/<int:report_id>/reopen")
@staff_required
def reopen(report_id: int):
    """Open an approved report again: it waits for approval again."""
    return _act(
        report_id,
        reports.reopen,
        _("The report is open again and waits for approval."),
    )
