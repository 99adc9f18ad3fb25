"""Follow-ups, the consultant's calendar feed and the e-mail templates."""

from flask import (
    Blueprint,
    Response,
    abort,
    flash,
    get_flashed_messages,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import staff_required
from crm.auth.models import User
from crm.contacts import calendar, email_templates
from crm.contacts import services as contacts
from crm.contacts.forms import FollowUpFilterForm, ReassignForm, TemplateForm, TokenForm
from crm.contacts.models import FollowUp
from crm.extensions import db
from crm.forms import options
from crm.labels import locale_code
from crm.pagination import Page, offset, requested_page
from crm.urls import external_url, safe_local_url
from crm.volunteers.models import Volunteer

bp = Blueprint("contacts", __name__, url_prefix="/contacts")

PER_PAGE = 50
UNDO_KEY = "undo_follow_up"
"""Session key: the follow-up a "done" flash is about, so the page can offer to undo it."""


def follow_up_to_undo() -> FollowUp | None:
    """The follow-up this request's "done" flash is about, if it is still done (offered once)."""
    follow_up_id = session.pop(UNDO_KEY, None)
    if not isinstance(follow_up_id, int) or not get_flashed_messages():
        return None
    follow_up = db.session.get(FollowUp, follow_up_id)
    return follow_up if follow_up is not None and follow_up.done_at is not None else None


def _back_to(follow_up: FollowUp, default: str) -> str:
    """The local URL to return to after an action on a follow-up: the page it was on (`next`,
    with its filters), at the follow-up's row unless `next` names another place on the page."""
    target = safe_local_url(request.form.get("next")) or default
    return target if "#" in target else f"{target}#{follow_up.anchor}"


def _volunteer_name(follow_up: FollowUp) -> str:
    """The name of the volunteer a follow-up is about, or an empty string."""
    if follow_up.volunteer_id is None:
        return ""
    volunteer = db.session.get(Volunteer, follow_up.volunteer_id)
    return (volunteer.full_name or volunteer.email) if volunteer is not None else ""


@bp.get("/follow-ups")
@staff_required
def follow_ups():
    """The follow-up list with its filters in the URL."""
    form = FollowUpFilterForm(request.args)
    form.validate()
    filters = contacts.FollowUpFilters(
        owner=form.owner.data if form.owner.data in ("mine", "all") else "mine",
        status=form.status.data if form.status.data in ("open", "done", "all") else "open",
        overdue=bool(form.overdue.data),
        due_from=form.due_from.data if not form.due_from.errors else None,
        due_to=form.due_to.data if not form.due_to.errors else None,
    )
    today = contacts.local_today()
    stmt = contacts.follow_up_query(filters, current_user.id, today)
    number = requested_page()
    total = contacts.count_follow_ups(filters, current_user.id, today)
    rows = db.session.execute(stmt.limit(PER_PAGE).offset(offset(number, PER_PAGE))).all()
    reassign = ReassignForm()
    reassign.owner_id.choices = _staff_choices()
    return render_template(
        "contacts/follow_ups.html",
        form=form,
        page=Page(list(rows), number, PER_PAGE, total),
        today=today,
        reassign=reassign,
        token_form=TokenForm(),
        filter_args={k: v for k, v in request.args.items() if k != "page"},
    )


def _staff_choices() -> list:
    """The consultants and admins a follow-up may be given to, by name."""
    return options((u.id, u.name or u.email) for u in contacts.staff_users())


def _follow_up_or_404(follow_up_id: int) -> FollowUp:
    return db.get_or_404(FollowUp, follow_up_id)


@bp.post("/follow-ups/<int:follow_up_id>/done")
@staff_required
def follow_up_done(follow_up_id: int):
    """Mark a follow-up done; the page returns to it and names the volunteer."""
    if not TokenForm().validate_on_submit():
        abort(400)
    follow_up = _follow_up_or_404(follow_up_id)
    contacts.mark_done(follow_up)
    name = _volunteer_name(follow_up)
    db.session.commit()
    if name:
        flash(_("The follow-up for %(name)s is marked as done.", name=name), "success")
    else:
        flash(_("Follow-up marked as done."), "success")
    session[UNDO_KEY] = follow_up_id
    return redirect(_back_to(follow_up, url_for(".follow_ups")))


@bp.post("/follow-ups/<int:follow_up_id>/undo")
@staff_required
def follow_up_undo(follow_up_id: int):
    """Re-open a follow-up marked done by mistake; the page returns to it."""
    if not TokenForm().validate_on_submit():
        abort(400)
    follow_up = _follow_up_or_404(follow_up_id)
    contacts.undo_done(follow_up)
    name = _volunteer_name(follow_up)
    db.session.commit()
    if name:
        flash(_("The follow-up for %(name)s is open again.", name=name), "success")
    else:
        flash(_("Follow-up re-opened."), "success")
    return redirect(_back_to(follow_up, url_for(".follow_ups")))


@bp.post("/follow-ups/<int:follow_up_id>/reassign")
@staff_required
def follow_up_reassign(follow_up_id: int):
    """Give a follow-up to another consultant; the page returns to it."""
    follow_up = _follow_up_or_404(follow_up_id)
    form = ReassignForm()
    form.owner_id.choices = _staff_choices()
    if not form.validate_on_submit():
        abort(400)
    owner = db.session.get(User, form.owner_id.data)
    contacts.reassign(follow_up, owner)
    name = _volunteer_name(follow_up)
    db.session.commit()
    given_to = owner.name or owner.email
    if name:
        flash(
            _("The follow-up for %(name)s is given to %(owner)s.", name=name, owner=given_to),
            "success",
        )
    else:
        flash(_("Follow-up given to %(name)s.", name=given_to), "success")
    return redirect(_back_to(follow_up, url_for(".follow_ups")))


@bp.post("/calendar/token")
@staff_required
def calendar_token():
    """Make a new secret calendar address (the old one stops working)."""
    if not TokenForm().validate_on_submit():
        abort(400)
    user = db.session.get(User, current_user.id)
    had_one = bool(user.calendar_token)
    contacts.regenerate_calendar_token(user)
    db.session.commit()
    if had_one:
        flash(_("Your calendar has a new address. Subscribe to it again."), "success")
    else:
        flash(_("Your calendar address is ready. Subscribe to it in your calendar."), "success")
    return redirect(url_for(".follow_ups"))


@bp.get("/calendar/<token>.ics")
def calendar_feed(token: str):
    """The open follow-ups of the consultant who holds this secret token, as iCalendar."""
    user = contacts.user_by_calendar_token(token)
    if user is None:
        abort(404)
    body = calendar.build_feed(
        user,
        calendar.open_follow_ups(user),
        lambda vid: external_url("consultant.volunteer", volunteer_id=vid),
    )
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Cache-Control": "private, no-store", "X-Robots-Tag": "noindex"},
    )


@bp.get("/templates")
@staff_required
def templates():
    """The e-mail templates."""
    items = email_templates.all_templates(locale_code())
    return render_template("contacts/templates.html", templates=items, token_form=TokenForm())


@bp.route("/templates/new", methods=["GET", "POST"])
@bp.route("/templates/<key>", methods=["GET", "POST"])
@staff_required
def edit_template(key: str | None = None):
    """Edit a template (a built-in one is overridden) or write a new one."""
    template = email_templates.get_template(key, locale_code()) if key else None
    if key and template is None:
        abort(404)
    form = TemplateForm(obj=template)
    if form.validate_on_submit():
        fields = {
            name: form[name].data.strip()
            for name in ("name", "subject_da", "body_da", "subject_en", "body_en")
        }
        email_templates.save_template(key, fields, current_user.id)
        db.session.commit()
        flash(_("Template saved."), "success")
        return redirect(url_for(".templates"))
    return render_template(
        "contacts/template_form.html",
        form=form,
        template=template,
        placeholders=email_templates.PLACEHOLDERS,
    )


@bp.post("/templates/<key>/reset")
@staff_required
def reset_template(key: str):
    """Delete a stored template; a built-in one goes back to its original text."""
    if not TokenForm().validate_on_submit():
        abort(400)
    if not email_templates.delete_override(key):
        abort(404)
    db.session.commit()
    flash(_("Template reset."), "success")
    return redirect(url_for(".templates"))
