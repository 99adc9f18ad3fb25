"""E-mail from the tool: to one volunteer, or to everyone shortlisted for a need."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from crm.auth.access import staff_required
from crm.consultant import record, services
from crm.consultant.blueprint import bp
from crm.consultant.forms import NeedEmailForm
from crm.contacts import email_templates
from crm.contacts.forms import EmailForm
from crm.contacts.sending import send_to_volunteers, volunteer_locales
from crm.converters import id_or_none
from crm.extensions import db
from crm.forms import options
from crm.labels import locale_code
from crm.locking import StaleEdit
from crm.matches.services import BulkError
from crm.projects.models import Need, Project


@bp.route("/volunteers/<int:volunteer_id>/email", methods=["GET", "POST"])
@staff_required
def email_volunteer(volunteer_id: int):
    """Write to one volunteer from a template, in their language; the e-mail is logged.

    The need is preselected when it is clear which one the e-mail is about (the match asked
    for, else the volunteer's only open match).
    """
    volunteer = record.load_volunteer(volunteer_id)
    locale = volunteer_locales([volunteer.id])[volunteer.id]
    form = EmailForm()
    matches = services.match_options(volunteer)
    form.match_id.choices = options([(None, "—"), *((m.id, m.label) for m in matches)])
    key = request.args.get("template", "general")
    if request.method == "GET":
        template = email_templates.get_template(key, locale_code())
        if template:
            form.subject.data = template.subject(locale)
            form.body.data = template.body(locale)
        form.match_id.data = services.preselected_match(
            matches, request.args.get("match", None, type=id_or_none)
        )
    if form.validate_on_submit():
        context = services.need_context(form.match_id.data)
        used = email_templates.placeholders_in(form.subject.data, form.body.data)
        if used & email_templates.NEED_PLACEHOLDERS - set(context):
            if len(form.match_id.choices) > 1:
                form.match_id.errors = [_("The text mentions a need: choose which one.")]
            else:
                form.body.errors = [
                    _("The text mentions a need, but this volunteer has no matches yet.")
                ]
        else:
            result = send_to_volunteers(
                [volunteer],
                form.subject.data,
                form.body.data,
                current_user,
                match_ids={volunteer.id: form.match_id.data} if form.match_id.data else None,
                context=context,
            )
            db.session.commit()
            name = volunteer.full_name or volunteer.email
            if result.queued:
                flash(_("The e-mail to %(name)s is logged and on its way.", name=name), "success")
            return redirect(url_for(".volunteer", volunteer_id=volunteer.id) + "#timeline")
    return render_template(
        "consultant/email_volunteer.html",
        volunteer=volunteer,
        locale=locale,
        form=form,
        templates=email_templates.all_templates(locale_code()),
        template_key=key,
        placeholders=email_templates.PLACEHOLDERS,
    ), 400 if form.errors else 200


@bp.route("/needs/<int:need_id>/email", methods=["GET", "POST"])
@staff_required
def email_need(need_id: int):
    """Write to everyone shortlisted for a need, each in their language; each e-mail is logged.

    With "mark them as contacted" the list must be the one the consultant saw (same matches,
    same versions), else nothing is sent. The log entries and the outbox are committed first, so
    that a later refusal of the moves cannot take back the e-mails or the record of them.
    """
    need = db.get_or_404(Need, need_id)
    project = db.session.get(Project, need.project_id)
    recipients = services.shortlisted_for(need.id)
    shown = {m.id: m.version for _v, m in recipients}
    locales = volunteer_locales(v.id for v, _m in recipients)
    form = NeedEmailForm()
    key = request.args.get("template", "shortlisted")
    error = None
    if request.method == "GET":
        form.remember_seen(shown.items())
        template = email_templates.get_template(key, locale_code())
        if template:
            form.subject_da.data, form.body_da.data = template.subject_da, template.body_da
            form.subject_en.data, form.body_en.data = template.subject_en, template.body_en
    if form.validate_on_submit():
        if not recipients:
            flash(_("Nobody is shortlisted for this need."), "error")
        elif form.mark_contacted.data and form.seen_versions() != shown:
            form.remember_seen(shown.items())
            error = _(
                "Nothing was sent: the shortlist changed while you were writing. "
                "Check the recipients and send again."
            )
        else:
            # Plain ids taken before the commit, which expires (and would reload) every object.
            match_of = {v.id: m.id for v, m in recipients}
            result = send_to_volunteers(
                [v for v, _m in recipients],
                {"da": form.subject_da.data, "en": form.subject_en.data},
                {"da": form.body_da.data, "en": form.body_en.data},
                current_user,
                match_ids=match_of,
                context={"need_title": need.title, "project_title": project.title},
            )
            db.session.commit()
            flash(_("Logged and on its way to %(n)d volunteers.", n=len(result.queued)), "success")
            if form.mark_contacted.data and result.queued:
                emailed = [(m, shown[m]) for v, m in match_of.items() if v in result.queued]
                _mark_emailed(need, emailed)
            return redirect(url_for("matches.need", need_id=need_id))
    return render_template(
        "consultant/email_need.html",
        need=need,
        project=project,
        recipients=recipients,
        locales=locales,
        english=sum(1 for loc in locales.values() if loc == "en"),
        form=form,
        error=error,
        templates=email_templates.all_templates(locale_code()),
        template_key=key,
        placeholders=email_templates.PLACEHOLDERS,
    ), 409 if error else 400 if form.errors else 200


def _mark_emailed(need: Need, seen: list[tuple[int, int]]) -> None:
    """Mark the e-mailed matches as contacted, all or none, and say how it went."""
    try:
        moved = services.mark_emailed_as_contacted(need, seen, current_user)
    except (BulkError, StaleEdit):
        db.session.rollback()
        flash(
            _(
                "The e-mails are sent, but the matches could not be marked as contacted: someone "
                "else changed one of them meanwhile. Move them on this page."
            ),
            "error",
        )
        return
    db.session.commit()
    flash(
        ngettext(
            "%(num)d match marked as contacted.", "%(num)d matches marked as contacted.", moved
        ),
        "success",
    )
