"""Writing a debrief: the volunteer on their own placement, a consultant for the volunteer."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.activities import debriefs, reports
from crm.activities.debrief_forms import DebriefForm, StaffDebriefForm
from crm.auth.access import role_required, staff_required
from crm.auth.models import Role
from crm.extensions import db
from crm.locking import StaleEdit
from crm.volunteers.models import Volunteer

bp = Blueprint("debriefs", __name__)


def _stale_message() -> str:
    return _(
        "Your debrief was not saved: someone else saved it after you opened it. Your text is "
        "still in the form below. Open the debrief again to see the current version, then make "
        "your changes there."
    )


def _refused_message() -> str:
    return _(
        "This debrief cannot be written or changed: the volunteer has withdrawn their consent."
    )


def _edit(found: debriefs.Placement, form: StaffDebriefForm, template: str, done_url: str):
    """Show the form, or save it and go to `done_url`; a stale form is refused, text kept."""
    volunteer = db.session.get(Volunteer, found.match.volunteer_id)
    writable = reports.may_report(volunteer)
    context = {"placement": found, "form": form, "volunteer": volunteer, "writable": writable}
    if not form.is_submitted():
        form.fill(found.debrief)
        return render_template(template, **context)
    if not writable:
        flash(_refused_message(), "error")
        return render_template(template, **context), 409
    if not form.validate():
        return render_template(template, **context), 400
    try:
        debriefs.save_debrief(found, form.to_data(), current_user, form.version.data)
    except (StaleEdit, debriefs.DebriefRefused) as error:
        db.session.rollback()
        refused = isinstance(error, debriefs.DebriefRefused)
        flash(_refused_message() if refused else _stale_message(), "error")
        context["writable"] = not refused
        return render_template(template, **context), 409
    db.session.commit()
    flash(_("The debrief was saved. Thank you!"), "success")
    return redirect(done_url)


@bp.route("/me/debriefs/<int:placement_id>", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER)
def mine(placement_id: int):
    """The volunteer writes or edits the debrief of one of their own completed placements."""
    found = debriefs.own_placement(current_user, placement_id) or abort(404)
    done = url_for("my_matches.index") + f"#debrief-{found.match.id}"
    return _edit(found, DebriefForm(), "debriefs/mine.html", done)


@bp.route("/consultant/placements/<int:placement_id>/debrief", methods=["GET", "POST"])
@staff_required
def for_volunteer(placement_id: int):
    """A consultant writes or completes a volunteer's debrief for them (audited as a change of
    the record; opening it as a view of the record)."""
    form = StaffDebriefForm()
    if form.is_submitted():
        found = debriefs.placement(placement_id) or abort(404)
    else:
        found = debriefs.open_for_staff(placement_id) or abort(404)
        db.session.commit()
    done = url_for("consultant.volunteer", volunteer_id=found.match.volunteer_id) + "#debriefs"
    return _edit(found, form, "debriefs/for_volunteer.html", done)
