"""Carrying out a volunteer's access or erasure request on their behalf (GDPR Art. 15 and 17)."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from crm.auth.access import staff_required
from crm.consultant import record
from crm.consultant.blueprint import bp
from crm.extensions import db
from crm.rights import erasure, subject_access
from crm.rights.forms import ConfirmErasureOnBehalfForm
from crm.rights.pages import render_subject_access, subject_access_json


def _requested_data(volunteer_id: int, format: str):
    """The volunteer (404 when erased or unknown) and everything held about them, audited."""
    found = subject_access.on_request(volunteer_id, format) or abort(404)
    db.session.commit()
    return found


@bp.get("/volunteers/<int:volunteer_id>/access")
@staff_required
def access_request(volunteer_id: int):
    """Access request: the printable page of everything held about the volunteer."""
    volunteer, data = _requested_data(volunteer_id, "html")
    return render_subject_access(data, volunteer, for_staff=True)


@bp.get("/volunteers/<int:volunteer_id>/access.json")
@staff_required
def access_request_json(volunteer_id: int):
    """Access request: the same data as a JSON file to send to the person."""
    _volunteer, data = _requested_data(volunteer_id, "json")
    return subject_access_json(data, f"volunteer-{volunteer_id}-data.json")


@bp.route("/volunteers/<int:volunteer_id>/erase", methods=["GET", "POST"])
@staff_required
def erasure_request(volunteer_id: int):
    """Erasure request: a confirmation step naming what goes and what counts stay, then erase."""
    volunteer = record.load_volunteer(volunteer_id)
    form = ConfirmErasureOnBehalfForm()
    if form.validate_on_submit():
        erasure.record_request(volunteer)
        erasure.erase(volunteer)
        db.session.commit()
        flash(_("The volunteer's data is erased. Only anonymous counts are kept."), "success")
        return redirect(url_for(".volunteers"))
    return render_template(
        "rights/erase.html",
        form=form,
        for_staff=True,
        volunteer=volunteer,
        data_url=url_for(".access_request", volunteer_id=volunteer_id),
        cancel_url=url_for(".volunteer", volunteer_id=volunteer_id),
    )
