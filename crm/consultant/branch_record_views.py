"""A branch's record for staff: details, contacts, offers with history, and its contact log."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.auth.access import staff_required
from crm.branches.models import Branch
from crm.consultant import branch_record, services
from crm.consultant.blueprint import bp
from crm.consultant.contact_logging import Refused, contact_form, new_contact_form, save_contact
from crm.consultant.forms import RecordContactForm
from crm.consultant.timeline import branch_sources, timeline
from crm.contacts.services import local_today
from crm.converters import id_or_none
from crm.extensions import db
from crm.matches.labels import state_label
from crm.pagination import requested_page


def _render_branch(
    branch: Branch,
    form: RecordContactForm,
    status: int = 200,
    error: str | None = None,
):
    return render_template(
        "consultant/branch.html",
        branch=branch,
        contacts=branch_record.branch_contacts(branch.id),
        member_count=branch_record.count_members(branch.id),
        offers=branch_record.offers_with_history(branch.id),
        branch_users=branch_record.branch_user_ids(branch.id),
        timeline=timeline(branch_sources(branch.id), requested_page()),
        form=form,
        contact_error=error,
        today=local_today(),
    ), status


@bp.get("/branches/<int:branch_id>")
@staff_required
def branch(branch_id: int):
    """A branch's record: details, contact people, its offers of help with their history, and
    one timeline of contacts and pipeline moves."""
    branch = branch_record.load_branch(branch_id)
    matches = services.match_options(branch)
    chosen = services.preselected_match(matches, request.args.get("match", type=id_or_none))
    return _render_branch(branch, new_contact_form(matches, chosen))


@bp.post("/branches/<int:branch_id>/contacts-log")
@staff_required
def branch_contact_log(branch_id: int):
    """Log a call, e-mail or meeting with the branch, optionally about one of its offers (which
    may move on a step) and with a follow-up; refused moves save nothing, as on a volunteer."""
    branch = branch_record.load_branch(branch_id)
    matches = services.match_options(branch)
    form = contact_form(matches)
    if not form.validate_on_submit():
        return _render_branch(branch, form, 400)
    outcome = save_contact(branch, form)
    if isinstance(outcome, Refused):
        branch = branch_record.load_branch(branch_id)
        return _render_branch(branch, form, outcome.status, outcome.message)
    db.session.commit()
    if outcome.moved_to:
        flash(
            _(
                "The contact with %(name)s is logged and the offer is now “%(state)s”.",
                name=branch.name,
                state=state_label(outcome.moved_to),
            ),
            "success",
        )
    else:
        flash(_("The contact with %(name)s is logged.", name=branch.name), "success")
    return redirect(url_for(".branch", branch_id=branch_id) + f"#{outcome.anchor}")
