"""The volunteer's own pages: the skills profile, its steps, their data (Art. 15) and erasure."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from crm.auth.access import role_required
from crm.auth.models import Role
from crm.auth.sessions import log_out
from crm.branches.models import Branch
from crm.corrections import save_correction
from crm.duplicates.detect import flag_possible_duplicates, identity
from crm.duplicates.models import PairSource
from crm.extensions import db
from crm.forms import row_action
from crm.labels import EXPERIENCE_LABELS, LANGUAGE_LEVEL_LABELS, skill_label
from crm.locking import StaleEdit, refuse_stale
from crm.matches import came_for, consent, refresh, skills
from crm.matches.reading import VOLUNTEER_WORDS
from crm.notifications import unsubscribe
from crm.notifications.tokens import MailKind
from crm.projects.services import active_project_countries
from crm.rights import erasure, subject_access
from crm.rights.forms import ConfirmErasureForm
from crm.rights.pages import render_subject_access, subject_access_json
from crm.volunteers import consent_texts, forms, services
from crm.volunteers.models import NeedsEmail, Volunteer
from crm.volunteers.steps import BY_SLUG, STEPS, Step, prepare

bp = Blueprint("volunteers", __name__, url_prefix="/me")


def after_profile_saved(volunteer: Volunteer) -> None:
    """Hook run after any profile step is saved, before the commit.

    Refreshes everything derived from the profile: declared skills, skills read from the free
    text, then this volunteer's stored matches against the open needs (crm/matches/).
    """
    services.declared_skills(volunteer)
    skills.derive_text_skills(volunteer)
    refresh.refresh_volunteer(volunteer)


def own_profile() -> Volunteer:
    """The logged-in volunteer's own profile; created when the account has none yet."""
    volunteer = services.profile_for(current_user)
    if volunteer is None:
        first, _sep, last = (current_user.name or "").partition(" ")
        volunteer = services.create_profile(current_user, first, last)
        db.session.commit()
    return volunteer


def _done(volunteer: Volunteer) -> dict[str, bool]:
    return {step.slug: services.step_done(volunteer, step.slug) for step in STEPS}


def _reading(volunteer: Volunteer, page: str, stale: bool = False) -> dict:
    """The section "What we read from your description" on `page` (see templates/_reading.html)."""
    return {
        "rows": skills.read_back(volunteer),
        "action": url_for(".correct_reading"),
        "words": VOLUNTEER_WORDS,
        "has_text": any(entry.description.strip() for entry in volunteer.experience),
        "page": page,
        "heading": "h2" if page == "experience" else "h3",
        "version": volunteer.version,
        "form": forms.SkillCorrectionForm(formdata=None),
        "levels": EXPERIENCE_LABELS,
        "stale": stale,
    }


def _email_form(volunteer: Volunteer) -> forms.EmailChoicesForm:
    """The e-mail choices as the profile holds them."""
    data = {
        "needs_email": volunteer.needs_email,
        "status_emails": volunteer.status_emails,
    }
    return forms.EmailChoicesForm(formdata=None, data=data)


def _render_profile(
    volunteer: Volunteer,
    reading_stale: bool = False,
    status: int = 200,
    email_form: forms.EmailChoicesForm | None = None,
):
    """The profile page (see profile()); also the answer to a stale correction made there."""
    branch = db.session.get(Branch, volunteer.branch_id) if volunteer.branch_id else None
    done = _done(volunteer)
    page = render_template(
        "volunteers/profile.html",
        volunteer=volunteer,
        branch=branch,
        steps=STEPS,
        done=done,
        missing=services.missing_steps(volunteer),
        consented=done["consent"],
        withdraw_form=forms.WithdrawConsentForm(),
        email_form=email_form or _email_form(volunteer),
        experience_levels=EXPERIENCE_LABELS,
        language_levels=LANGUAGE_LEVEL_LABELS,
        reading=_reading(volunteer, "profile", reading_stale),
    )
    return page, status


@bp.get("/")
@role_required(Role.VOLUNTEER)
def profile():
    """The volunteer's profile, shown back readably, with an edit link per section."""
    return _render_profile(own_profile())


@bp.get("/profile")
@role_required(Role.VOLUNTEER)
def continue_profile():
    """Continue with the first step still missing (or the first step)."""
    missing = services.missing_steps(own_profile())
    return redirect(url_for(".edit_step", step=missing[0] if missing else STEPS[0].slug))


def _prepare(form) -> None:
    """The step's choices, with the active projects' countries (and their languages) first."""
    prepare(form, active_project_countries())


def _render_step(
    step: Step,
    form,
    volunteer: Volunteer,
    stale: bool = False,
    status: int = 200,
    reading_stale: bool = False,
):
    _prepare(form)
    index = STEPS.index(step)
    reading = _reading(volunteer, step.slug, reading_stale) if step.slug == "experience" else None
    return (
        render_template(
            "volunteers/step.html",
            step=step,
            form=form,
            steps=STEPS,
            index=index,
            done=_done(volunteer),
            stale=stale,
            consent_version=services.current_consent_version(),
            consent_text=consent_texts.in_force() if step.slug == "consent" else None,
            max_rows=form.entries.max_entries if step.has_rows else 0,
            reading=reading,
        ),
        status,
    )


@bp.route("/profile/<step>", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER)
def edit_step(step: str):
    """One step of the profile form; "Next" and "Back" both save what was entered."""
    current = BY_SLUG.get(step) or abort(404)
    volunteer = own_profile()
    form = current.form_class(data={**current.initial(volunteer), "version": volunteer.version})
    if request.method == "GET":
        return _render_step(current, form, volunteer)
    _prepare(form)
    if current.has_rows and row_action(form, request.form.get("row_action", "")):
        return _render_step(current, form, volunteer)
    if not form.validate():
        return _render_step(current, form, volunteer, status=422)
    try:
        with refuse_stale(volunteer, request.form.get("version")):
            before = identity(volunteer)
            current.save(form, volunteer)
            after_profile_saved(volunteer)
            if identity(volunteer) != before:
                flag_possible_duplicates([volunteer], source=PairSource.REGISTRATION)
            db.session.commit()
    except StaleEdit:
        db.session.rollback()
        return _render_step(current, form, services.profile_for(current_user), True, 409)
    return redirect(_next_url(current, volunteer))


def _next_url(step: Step, volunteer: Volunteer) -> str:
    """Where the pressed button leads after a successful save."""
    nav = request.form.get("nav", "next")
    index = STEPS.index(step)
    if nav == "reading":
        return url_for(".edit_step", step=step.slug, _anchor="reading")
    if nav == "back" and index > 0:
        return url_for(".edit_step", step=STEPS[index - 1].slug)
    if nav == "next" and index + 1 < len(STEPS):
        return url_for(".edit_step", step=STEPS[index + 1].slug)
    need = came_for.remembered()
    if need is not None and services.has_current_consent(volunteer):
        flash(
            _("Saved. Here is the task you came for; ask to take part when you are ready."),
            "success",
        )
        return url_for("my_matches.index", need=need.id, _anchor=f"need-{need.id}")
    if services.missing_steps(volunteer):
        flash(_("Saved. Your profile is not complete yet."), "success")
    else:
        flash(_("Saved. Thank you, your profile is complete."), "success")
    return url_for(".profile")


@bp.post("/email-choices")
@role_required(Role.VOLUNTEER)
def email_choices():
    """Save the e-mail choices: new tasks that fit (at once, weekly, never) and own tasks."""
    volunteer = own_profile()
    form = forms.EmailChoicesForm()
    if not form.validate_on_submit():
        return _render_profile(volunteer, status=422, email_form=form)
    try:
        with refuse_stale():  # the two choices the form shows win; only a race is refused
            services.set_email_choices(
                volunteer,
                needs_email=form.needs_email.data,
                status_emails=form.status_emails.data,
            )
            stopped = [MailKind.STATUS] if not form.status_emails.data else []
            if form.needs_email.data == NeedsEmail.NEVER:
                stopped.append(MailKind.NEEDS)
            unsubscribe.drop_unsent(volunteer, stopped)  # none waiting goes out after all
            db.session.commit()
    except StaleEdit:
        db.session.rollback()
        flash(_("Your profile was changed meanwhile: choose again."), "error")
        return redirect(url_for(".profile", _anchor="section-email"))
    flash(_("Your e-mail choices are saved."), "success")
    return redirect(url_for(".profile", _anchor="section-email"))


@bp.post("/consent/withdraw")
@role_required(Role.VOLUNTEER)
def withdraw_consent():
    """Withdraw consent: the profile is no longer offered for matching."""
    form = forms.WithdrawConsentForm()
    if form.validate_on_submit():
        volunteer = own_profile()
        services.withdraw_consent(volunteer)
        consent.consent_withdrawn(volunteer, current_user)
        unsubscribe.drop_unsent(volunteer, MailKind)  # no notification after the withdrawal
        after_profile_saved(volunteer)
        db.session.commit()
        flash(
            _("Your consent is withdrawn. Your profile is no longer offered for any task."),
            "success",
        )
    return redirect(url_for(".profile"))


def _own_data(volunteer: Volunteer, format: str) -> dict:
    """Everything held about the volunteer (crm/rights/subject_access), audited as their export."""
    data = subject_access.own_copy(volunteer, format)
    db.session.commit()
    return data


@bp.get("/export.json")
@role_required(Role.VOLUNTEER)
def export():
    """Download everything held about the volunteer as JSON (Art. 15)."""
    return subject_access_json(_own_data(own_profile(), "json"))


@bp.get("/data")
@role_required(Role.VOLUNTEER)
def data():
    """Everything held about the volunteer as a readable, printable page (Art. 15)."""
    volunteer = own_profile()
    return render_subject_access(_own_data(volunteer, "html"), volunteer, for_staff=False)


@bp.route("/delete", methods=["GET", "POST"])
@role_required(Role.VOLUNTEER)
def delete():
    """Erase the profile and the account, after a confirmation step (crm/rights/erasure)."""
    form = ConfirmErasureForm()
    if form.validate_on_submit():
        volunteer = own_profile()
        me = current_user._get_current_object()
        erasure.record_request(volunteer)
        log_out("erased")
        erasure.erase(volunteer, actor=me)
        db.session.commit()
        flash(_("Your profile and your account are erased."), "success")
        return redirect(url_for("public.index"))
    return render_template(
        "rights/erase.html",
        form=form,
        for_staff=False,
        data_url=url_for(".data"),
        cancel_url=url_for(".profile"),
    )


def _corrected_message(action: str, area: str, level: str) -> str:
    """The message after a correction, naming the area."""
    if action == "confirm":
        return _("Confirmed: %(area)s.", area=area)
    if action == "change":
        return _("%(area)s: your level is now “%(level)s”.", area=area, level=level)
    if action == "remove":
        return _(
            "Removed: %(area)s. We no longer use it from your description, not even when you "
            "edit it.",
            area=area,
        )
    return _("%(area)s is back: we use what we read from your description again.", area=area)


@bp.post("/reading")
@role_required(Role.VOLUNTEER)
def correct_reading():
    """Confirm, change the level of or remove an area read from the volunteer's text (or undo)."""
    volunteer = own_profile()
    form = forms.SkillCorrectionForm()
    if not form.validate_on_submit():
        abort(400)
    area, action, page = form.area.data, form.action.data, form.back.data
    read_areas = lambda: (row.area for row in skills.read_back(volunteer))  # noqa: E731
    if not save_correction(
        volunteer, form, read_areas, then=lambda: after_profile_saved(volunteer)
    ):
        current = services.profile_for(current_user)
        if page == "profile":
            return _render_profile(current, reading_stale=True, status=409)
        step = BY_SLUG["experience"]
        fresh = step.form_class(data={**step.initial(current), "version": current.version})
        return _render_step(step, fresh, current, status=409, reading_stale=True)
    level = EXPERIENCE_LABELS.get(int(form.level.data or 0), "")
    flash(_corrected_message(action, skill_label(area), str(level)), "success")
    anchor = f"read-{area}"
    if page == "profile":
        return redirect(url_for(".profile", _anchor=anchor))
    return redirect(url_for(".edit_step", step="experience", _anchor=anchor))
