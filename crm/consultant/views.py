"""The consultant's workspace: dashboard, volunteer search, volunteer record, e-mail and exports."""

from datetime import timedelta

from flask import (
    Blueprint,
    Response,
    flash,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from crm.auth.access import staff_required
from crm.branches.models import Branch
from crm.consultant import dashboard as figures
from crm.consultant import exports, record, services
from crm.consultant.chart import STYLES, build_chart
from crm.consultant.forms import NeedEmailForm, RecordContactForm, SearchForm
from crm.consultant.search import SearchPlan, best_plan, fuzzy_plan, plan_search
from crm.contacts import email_templates
from crm.contacts.forms import EmailForm
from crm.contacts.labels import channel_label, direction_label
from crm.contacts.sending import send_to_volunteers, volunteer_locales
from crm.contacts.services import local_midnight_utc, local_now, local_to_utc, local_today
from crm.database import utcnow
from crm.extensions import db
from crm.forms import options
from crm.labels import language_level_label, travel_label
from crm.matches.labels import state_label
from crm.matches.models import MatchState
from crm.matches.services import BulkError, Conflict, TransitionError
from crm.pagination import requested_page
from crm.projects.labels import skill_label
from crm.projects.models import Need, Project
from crm.volunteers.models import Volunteer
from crm.volunteers.services import consent_status

bp = Blueprint("consultant", __name__, url_prefix="/consultant")

PER_PAGE = 25


@bp.context_processor
def labels() -> dict:
    """Label helpers for this area's templates."""
    return {
        "state_label": state_label,
        "channel_label": channel_label,
        "direction_label": direction_label,
        "skill_label": skill_label,
        "travel_label": travel_label,
        "language_level_label": language_level_label,
        "consent_status": consent_status,
    }


@bp.get("/")
@staff_required
def dashboard():
    """The consultant's start page: what is due, what is new, what needs attention."""
    user = current_user._get_current_object()
    now = utcnow()
    previous = services.record_dashboard_visit(user)
    db.session.commit()  # before the queries, so that their rows are not expired afterwards
    since = previous or now - timedelta(days=7)
    today = local_today()
    quarter = figures.quarter_start(today)
    context = {
        "today": today,
        "since": since,
        "first_visit": previous is None,
        "follow_ups": figures.due_follow_ups(user.id, today),
        "follow_up_count": figures.count_due_follow_ups(today),
        "new": figures.new_volunteers(since),
        "interested": figures.interested(),
        "short_needs": figures.needs_short_of_candidates(),
        "good_score": figures.GOOD_SCORE,
        "quarter": quarter,
        "placements": figures.placements_since(local_midnight_utc(quarter)),
        "chart": build_chart(figures.pipeline_by_project()),
        "styles": STYLES,
    }
    return render_template("consultant/dashboard.html", **context)


def _search_form() -> SearchForm:
    form = SearchForm(request.args)
    form.fill_choices()
    return form


@bp.get("/volunteers")
@staff_required
def volunteers():
    """Find volunteers: name (typo-tolerant) and filters, paginated, sortable, all in the URL."""
    form = _search_form()
    filters = form.filters()
    plan = plan_search(filters)
    total = db.session.scalar(plan.count_stmt)
    if total == 0 and filters.q.strip():  # nobody by SQL prefixes: typo-tolerant names instead
        plan = fuzzy_plan(filters)
        total = db.session.scalar(plan.count_stmt)
    page = _paginate(plan, total)
    branch_ids = {v.branch_id for v in page.items if v.branch_id}
    branches = dict(
        db.session.execute(select(Branch.id, Branch.name).where(Branch.id.in_(branch_ids))).all()
    )
    args = request.args.to_dict()
    args.pop("page", None)
    return render_template(
        "consultant/volunteers.html",
        form=form,
        page=page,
        branches=branches,
        fuzzy=plan.fuzzy,
        args=args,
        csv_url=url_for(".volunteers_csv", **args),
    )


def _paginate(plan: SearchPlan, total: int):
    """One page of the plan's volunteers; the total comes from its count statement."""
    page = db.paginate(
        plan.stmt.options(selectinload(Volunteer.skills)),
        page=requested_page(),
        per_page=PER_PAGE,
        max_per_page=100,
        error_out=False,
        count=False,
    )
    page.total = total  # counted by plan.count_stmt, faster than paginate's (see SearchPlan)
    return page


def _csv_response(header: list[str], rows, filename: str) -> Response:
    return Response(
        stream_with_context(exports.csv_lines(header, rows)),
        mimetype="text/csv",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/volunteers.csv")
@staff_required
def volunteers_csv():
    """The filtered volunteer list as CSV, streamed, with the same query string as the page."""
    plan = best_plan(_search_form().filters())
    return _csv_response(
        exports.volunteer_header(), exports.volunteer_rows(plan.stmt), "volunteers.csv"
    )


@bp.get("/needs/<int:need_id>/candidates.csv")
@staff_required
def need_candidates_csv(need_id: int):
    """A need's candidates with score, state and exclusion reasons as CSV."""
    need = db.get_or_404(Need, need_id)
    return _csv_response(
        exports.candidate_header(),
        exports.candidate_rows(need.id),
        f"need-{need.id}-candidates.csv",
    )


def _contact_form(matches: list[services.MatchOption], **kwargs) -> RecordContactForm:
    form = RecordContactForm(**kwargs)
    form.fill_matches(matches, remember=request.method == "GET")
    return form


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
        matches=record.matches_with_history(volunteer.id),
        timeline=record.timeline(volunteer.id, page),
        form=form,
        any_shortlisted=any(m.state == MatchState.SHORTLISTED for m in matches),
        back_need=record.back_need(request.args.get("need", type=int)),
        contact_error=error,
        today=local_today(),
    ), status


@bp.get("/volunteers/<int:volunteer_id>")
@staff_required
def volunteer(volunteer_id: int):
    """A volunteer's record: profile, matches with history, and the contact timeline."""
    volunteer = record.load_volunteer(volunteer_id)
    matches = services.match_options(volunteer.id)
    chosen = services.preselected_match(
        matches, request.args.get("match", type=int), request.args.get("need", type=int)
    )
    now = local_now().replace(tzinfo=None, second=0, microsecond=0)
    form = _contact_form(matches, at=now, match_id=chosen)
    return _render_record(volunteer, form, matches)


@bp.post("/volunteers/<int:volunteer_id>/contacts")
@staff_required
def add_contact(volunteer_id: int):
    """Log a contact, optionally with a follow-up for me and the match marked as contacted.

    Marking as contacted goes through the pipeline with the version the consultant saw. When
    it is refused (someone else changed the match meanwhile) nothing is saved: the form comes
    back with the text as typed, the match's new state and the reason, ready to save again.
    """
    volunteer = record.load_volunteer(volunteer_id)
    matches = services.match_options(volunteer.id)
    form = _contact_form(matches)
    if not form.validate_on_submit():
        return _render_record(volunteer, form, matches, 400)
    version = form.contacted_version()
    try:
        services.record_contact(
            volunteer,
            current_user,
            channel=form.channel.data,
            direction=form.direction.data,
            at=local_to_utc(form.at.data),
            summary=form.summary.data.strip(),
            outcome=(form.outcome.data or "").strip(),
            match_id=form.match_id.data,
            follow_up_date=form.follow_up_date.data,
            follow_up_note=(form.follow_up_note.data or "").strip(),
            mark_contacted=version is not None,
            expected_version=version,
        )
    except TransitionError as error:
        db.session.rollback()
        volunteer = record.load_volunteer(volunteer_id)
        matches = services.match_options(volunteer.id)
        form.fill_matches(matches, remember=True)
        state = next((m.state for m in matches if m.id == form.match_id.data), "")
        status = 409 if isinstance(error, Conflict) else 400
        return _render_record(volunteer, form, matches, status, record.refusal(error, state))
    db.session.commit()
    if version is not None:
        flash(_("The contact is logged and the match is marked as contacted."), "success")
    else:
        flash(_("The contact is logged."), "success")
    back = record.back_need(request.args.get("need", type=int))
    target = url_for(".volunteer", volunteer_id=volunteer.id, need=back[0] if back else None)
    return redirect(target + "#timeline")


def _ui_locale() -> str:
    return str(get_locale() or "da")


@bp.route("/volunteers/<int:volunteer_id>/email", methods=["GET", "POST"])
@staff_required
def email_volunteer(volunteer_id: int):
    """Write to one volunteer from a template, in their language; the e-mail is logged."""
    volunteer = record.load_volunteer(volunteer_id)
    locale = volunteer_locales([volunteer.id])[volunteer.id]
    form = EmailForm()
    form.match_id.choices = options([(None, "—"), *services.match_choices(volunteer.id)])
    key = request.args.get("template", "general")
    if request.method == "GET":
        template = email_templates.get_template(key, _ui_locale())
        if template:
            form.subject.data = template.subject(locale)
            form.body.data = template.body(locale)
        form.match_id.data = request.args.get("match", None, type=int)
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
            if result.sent:
                flash(_("The e-mail is sent and logged."), "success")
            else:
                flash(_("The e-mail could not be sent. Try again later."), "error")
            return redirect(url_for(".volunteer", volunteer_id=volunteer.id) + "#timeline")
    return render_template(
        "consultant/email_volunteer.html",
        volunteer=volunteer,
        locale=locale,
        form=form,
        templates=email_templates.all_templates(_ui_locale()),
        template_key=key,
        placeholders=email_templates.PLACEHOLDERS,
    ), 400 if form.errors else 200


@bp.route("/needs/<int:need_id>/email", methods=["GET", "POST"])
@staff_required
def email_need(need_id: int):
    """Write to everyone shortlisted for a need, each in their language; each e-mail is logged.

    With "mark them as contacted" the list must be the one the consultant saw (same matches,
    same versions), else nothing is sent. The log entries are committed as soon as the e-mails
    are out, so that a later refusal of the moves cannot lose the record of what was sent.
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
        form.remember_shortlisted(shown.items())
        template = email_templates.get_template(key, _ui_locale())
        if template:
            form.subject_da.data, form.body_da.data = template.subject_da, template.body_da
            form.subject_en.data, form.body_en.data = template.subject_en, template.body_en
    if form.validate_on_submit():
        if not recipients:
            flash(_("Nobody is shortlisted for this need."), "error")
        elif form.mark_contacted.data and form.seen_shortlisted() != shown:
            form.remember_shortlisted(shown.items())
            error = _(
                "Nothing was sent: the shortlist changed while you were writing. "
                "Check the recipients and send again."
            )
        else:
            result = send_to_volunteers(
                [v for v, _m in recipients],
                {"da": form.subject_da.data, "en": form.subject_en.data},
                {"da": form.body_da.data, "en": form.body_en.data},
                current_user,
                match_ids={v.id: m.id for v, m in recipients},
                context={"need_title": need.title, "project_title": project.title},
            )
            db.session.commit()
            flash(_("Sent to %(n)d volunteers and logged.", n=len(result.sent)), "success")
            if result.failed:
                flash(_("%(n)d e-mails could not be sent.", n=len(result.failed)), "error")
            if form.mark_contacted.data and result.sent:
                _mark_emailed(
                    need, [(m.id, shown[m.id]) for v, m in recipients if v.id in result.sent]
                )
            return redirect(url_for("matches.need", need_id=need.id))
    return render_template(
        "consultant/email_need.html",
        need=need,
        project=project,
        recipients=recipients,
        locales=locales,
        english=sum(1 for loc in locales.values() if loc == "en"),
        form=form,
        error=error,
        templates=email_templates.all_templates(_ui_locale()),
        template_key=key,
        placeholders=email_templates.PLACEHOLDERS,
    ), 409 if error else 400 if form.errors else 200


def _mark_emailed(need: Need, seen: list[tuple[int, int]]) -> None:
    """Mark the e-mailed matches as contacted, all or none, and say how it went."""
    try:
        moved = services.mark_emailed_as_contacted(need, seen, current_user)
    except (BulkError, Conflict):
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
