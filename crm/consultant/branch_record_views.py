"""A branch's record for staff: details, contacts, offers with history, and its contact log."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import staff_required
from crm.branches.models import Branch
from crm.consultant import branch_record, record, services
from crm.consultant.blueprint import bp
from crm.consultant.forms import RecordContactForm
from crm.consultant.timeline import branch_sources, timeline
from crm.contacts.services import local_now, local_to_utc, local_today
from crm.converters import id_or_none
from crm.extensions import db
from crm.locking import StaleEdit
from crm.matches.labels import state_label
from crm.matches.services import TransitionError
from crm.pagination import requested_page


def _contact_form(matches: list[services.MatchOption], **kwargs) -> RecordContactForm:
    form = RecordContactForm(**kwargs)
    form.fill_matches(matches, remember=request.method == "GET")
    return form


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
    now = local_now().replace(tzinfo=None, second=0, microsecond=0)
    return _render_branch(branch, _contact_form(matches, at=now, match_id=chosen))


@bp.post("/branches/<int:branch_id>/contacts-log")
@staff_required
def branch_contact_log(branch_id: int):
    """Log a call, e-mail or meeting with the branch, optionally about one of its offers (which
    may move on a step) and with a follow-up; refused moves save nothing, as on a volunteer."""
    branch = branch_record.load_branch(branch_id)
    matches = services.match_options(branch)
    form = _contact_form(matches)
    if not form.validate_on_submit():
        return _render_branch(branch, form, 400)
    move = form.move()
    try:
        entry = services.record_contact(
            branch,
            current_user,
            channel=form.channel.data,
            direction=form.direction.data,
            at=local_to_utc(form.at.data),
            summary=form.summary.data.strip(),
            outcome=(form.outcome.data or "").strip(),
            match_id=form.match_id.data,
            follow_up_date=form.follow_up_date.data,
            follow_up_note=(form.follow_up_note.data or "").strip(),
            move_to=move[0] if move else None,
            expected_version=move[1] if move else None,
        )
    except (TransitionError, StaleEdit) as error:
        db.session.rollback()
        branch = branch_record.load_branch(branch_id)
        matches = services.match_options(branch)
        form.fill_matches(matches, remember=True)
        state = next((m.state for m in matches if m.id == form.match_id.data), "")
        status = 409 if isinstance(error, StaleEdit) else 400
        return _render_branch(branch, form, status, record.refusal(error, state))
    anchor = entry.anchor
    db.session.commit()
    if move:
        flash(
            _(
                "The contact with %(name)s is logged and the offer is now “%(state)s”.",
                name=branch.name,
                state=state_label(move[0]),
            ),
            "success",
        )
    else:
        flash(_("The contact with %(name)s is logged.", name=branch.name), "success")
    return redirect(url_for(".branch", branch_id=branch_id) + f"#{anchor}")
