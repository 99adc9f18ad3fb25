"""The volunteer record: profile, matches and timeline, and logging a contact on it."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.auth.access import staff_required
from crm.consultant import record, services
from crm.consultant.blueprint import bp
from crm.consultant.contact_logging import Refused, contact_form, new_contact_form, save_contact
from crm.consultant.forms import RecordContactForm
from crm.consultant.timeline import timeline, volunteer_sources
from crm.contacts.services import local_today
from crm.converters import id_or_none
from crm.duplicates import services as duplicates
from crm.duplicates import undo
from crm.extensions import db
from crm.matches.labels import state_label
from crm.pagination import requested_page
from crm.volunteers.models import Volunteer


def _render_record(
    volunteer: Volunteer,
    form: RecordContactForm,
    matches: list[services.MatchOption],
    status: int = 200,
    error: str | None = None,
):
    page = requested_page()
    return render_template(
        "consultant/volunteer.html",
        volunteer=volunteer,
        branch=record.branch_name(volunteer.branch_id),
        matches=record.matches_of(volunteer.id),
        timeline=timeline(volunteer_sources(volunteer.id), page),
        form=form,
        back_need=record.back_need(request.args.get("need", type=id_or_none)),
        contact_error=error,
        today=local_today(),
        merges=[(m, undo.refusal_of(m)) for m in duplicates.merges_of(volunteer.id)],
        undo_until=undo.undo_deadline,
    ), status


@bp.get("/volunteers/<int:volunteer_id>")
@staff_required
def volunteer(volunteer_id: int):
    """A volunteer's record: profile, matches, and one timeline of everything that happened."""
    volunteer = record.open_volunteer(volunteer_id)
    matches = services.match_options(volunteer)
    chosen = services.preselected_match(
        matches,
        request.args.get("match", type=id_or_none),
        request.args.get("need", type=id_or_none),
    )
    page = _render_record(volunteer, new_contact_form(matches, chosen), matches)
    db.session.commit()
    return page


@bp.post("/volunteers/<int:volunteer_id>/contacts")
@staff_required
def add_contact(volunteer_id: int):
    """Log a contact, optionally with a follow-up for me and the match moved on a step.

    The move goes through the pipeline with the version the consultant saw. When it is
    refused (the pipeline does not allow it, or someone else changed the match meanwhile)
    nothing is saved: the form comes back with the text as typed, the match's new state and
    the reason, ready to save again. Saved, the page opens at the new entry in the timeline.
    """
    volunteer = record.load_volunteer(volunteer_id)
    matches = services.match_options(volunteer)
    form = contact_form(matches)
    if not form.validate_on_submit():
        return _render_record(volunteer, form, matches, 400)
    outcome = save_contact(volunteer, form)
    if isinstance(outcome, Refused):
        volunteer = record.load_volunteer(volunteer_id)
        return _render_record(volunteer, form, matches, outcome.status, outcome.message)
    db.session.commit()
    name = volunteer.full_name or volunteer.email
    if outcome.moved_to:
        flash(
            _(
                "The contact with %(name)s is logged and the match is now “%(state)s”.",
                name=name,
                state=state_label(outcome.moved_to),
            ),
            "success",
        )
    else:
        flash(_("The contact with %(name)s is logged.", name=name), "success")
    back = record.back_need(request.args.get("need", type=id_or_none))
    target = url_for(".volunteer", volunteer_id=volunteer_id, need=back[0] if back else None)
    return redirect(f"{target}#{outcome.anchor}")
