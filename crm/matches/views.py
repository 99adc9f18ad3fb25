"""A need's candidates for consultants: ranked, explained, per pipeline state, with actions."""

import time

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from crm.auth.access import staff_required
from crm.extensions import db
from crm.labels import skill_label
from crm.matches import queries, services
from crm.matches.explain import describe_reason, explain, format_score
from crm.matches.fit import fit_band
from crm.matches.forms import BulkTransitionForm, TransitionForm, target_choices
from crm.matches.labels import action_label, state_label
from crm.matches.models import Match, MatchState
from crm.matches.pipeline import NEXT_STEP, REASON_REQUIRED
from crm.pagination import page_number
from crm.volunteers.models import Volunteer

bp = Blueprint("matches", __name__, url_prefix="/consultant/needs")

PER_PAGE = 25
DRAFT_KEY = "bulk_draft"
DRAFT_MAX_TEXT = 1000
"""A refused bulk form's reason and note travel in the session up to this many characters in
all (the cookie stays small); longer text is shown again at once instead, so nothing is lost."""
DRAFT_MAX_AGE = 600
"""Seconds a refused bulk form's draft is kept in the session; an older one is dropped."""
DRAFT_FIELDS = ("match", "to_state", "reason", "note")
SHOWN_ERRORS = 5
TABS: tuple[str, ...] = (
    MatchState.SUGGESTED,
    MatchState.SHORTLISTED,
    MatchState.CONTACTED,
    MatchState.INTERESTED,
    MatchState.PLACED,
    MatchState.COMPLETED,
    queries.EXCLUDED_TAB,
    MatchState.DECLINED,
    MatchState.NOT_SUITABLE,
    MatchState.WITHDRAWN,
)


@bp.context_processor
def _helpers() -> dict:
    return {
        "explain": explain,
        "describe_reason": describe_reason,
        "format_score": format_score,
        "fit_band": fit_band,
        "skill_label": skill_label,
        "state_label": state_label,
        "action_label": action_label,
    }


def _tab(value: str | None) -> str:
    return value if value in TABS else MatchState.SUGGESTED


def _need_or_404(need_id: int):
    need = queries.load_need(need_id)
    if need is None:
        abort(404)
    return need


def _match_or_404(need_id: int, match_id: int) -> Match:
    match = db.get_or_404(Match, match_id)
    if match.need_id != need_id:
        abort(404)
    return match


def _targets(need, state: str) -> list[MatchState]:
    """The states a match may move to from `state` on this need: on a filled or closed need
    nothing that the service would refuse (an open state or placed)."""
    return [t for t in services.targets_for(state) if services.allowed_on(need, t)]


def _next_steps(need) -> dict:
    """The one-click forward step of each state, without those a closed need refuses."""
    return {s: t for s, t in NEXT_STEP.items() if services.allowed_on(need, t)}


def _back(need_id: int, tab: str | None, page: str | None) -> str:
    return url_for("matches.need", need_id=need_id, tab=_tab(tab), page=page_number(page))


def _render_need(need, tab: str, page: int, bulk_form: BulkTransitionForm, status: int = 200):
    counts = queries.state_counts(need.id)
    listing = queries.candidates(need.id, tab, page, PER_PAGE, counts.get(tab, 0))
    bulk_form.tab.data, bulk_form.page.data = tab, str(listing.page)
    state = MatchState.SUGGESTED if tab == queries.EXCLUDED_TAB else tab
    bulk_form.to_state.choices = [bulk_form.to_state.choices[0]] + target_choices(
        _targets(need, state)
    )
    return (
        render_template(
            "matches/need.html",
            need=need,
            tab=tab,
            tabs=TABS,
            counts=counts,
            listing=listing,
            bulk_form=bulk_form,
            next_step=_next_steps(need),
            selected={str(v) for v in (bulk_form.match.data or [])},
        ),
        status,
    )


@bp.get("/<int:need_id>")
@staff_required
def need(need_id: int):
    """The need's summary and its candidates in one pipeline state (a tab), best first."""
    need = _need_or_404(need_id)
    tab = _tab(request.args.get("tab"))
    return _render_need(need, tab, page_number(request.args.get("page")), _bulk_form_again(need.id))


def _bulk_form_again(need_id: int) -> BulkTransitionForm:
    """The bulk form as a refused POST left it: the selection and target from the URL, the
    reason, note and errors from the session (once; the names are looked up again)."""
    form = BulkTransitionForm(formdata=None)
    form.match.data = request.args.getlist("match")[: PER_PAGE * 4]
    form.to_state.data = request.args.get("to") or ""
    draft = _take_draft(need_id)
    if draft:
        form.reason.data, form.note.data = draft.get("reason", ""), draft.get("note", "")
        for name, errors in draft.get("errors", {}).items():
            if name in DRAFT_FIELDS:
                form[name].errors = list(errors)
        if draft.get("rows"):
            rows = [(match_id, message) for match_id, message in draft["rows"]]
            form.match.errors = _row_messages(need_id, rows, draft.get("more", 0))
    return form


def _take_draft(need_id: int) -> dict | None:
    """The refused bulk form's draft for this need, taken out of the session; a draft older
    than DRAFT_MAX_AGE is dropped whichever need it was for."""
    draft = session.get(DRAFT_KEY)
    if not isinstance(draft, dict):
        return None
    if not 0 <= time.time() - draft.get("at", 0) <= DRAFT_MAX_AGE:
        session.pop(DRAFT_KEY)
        return None
    if draft.get("need") != need_id:
        return None
    return session.pop(DRAFT_KEY)


def _row_messages(need_id: int, rows: list[tuple[int | None, str]], more: int = 0) -> list[str]:
    """A refused bulk move's reasons, each after the name of the volunteer it is about."""
    names = queries.names_by_match(need_id, [m for m, _message in rows if m is not None])
    messages = [f"{names[m]}: {message}" if m in names else message for m, message in rows]
    if more > 0:
        messages.append(_("… and %(num)d more.", num=more))
    return messages


def _bulk_refused(
    need,
    form: BulkTransitionForm,
    tab: str,
    page: int,
    status: int,
    rows: list[tuple[int | None, str]] | None = None,
):
    """After a refused bulk move: back to the need page by GET with the selection kept, so that
    a reload does not post again; long typed text is shown again at once instead.

    The session keeps no names (the cookie is signed, not encrypted): the service's reasons
    travel as (match id, message) `rows`, and the names are looked up again on the GET.
    """
    reason, note = form.reason.data or "", form.note.data or ""
    if len(reason) + len(note) > DRAFT_MAX_TEXT:
        if rows is not None:
            form.match.errors = _row_messages(need.id, rows)
        return _render_need(need, tab, page, form, status=status)
    errors = {}
    for name, messages in form.errors.items():
        if name in DRAFT_FIELDS and not (name == "match" and rows is not None):
            shown = [str(m) for m in messages[:SHOWN_ERRORS]]
            if len(messages) > SHOWN_ERRORS:
                shown.append(_("… and %(num)d more.", num=len(messages) - SHOWN_ERRORS))
            errors[name] = shown
    draft = {"need": need.id, "at": int(time.time()), "reason": reason, "note": note}
    draft["errors"] = errors
    if rows is not None:
        draft["rows"] = [list(row) for row in rows[:SHOWN_ERRORS]]
        draft["more"] = max(0, len(rows) - SHOWN_ERRORS)
    session[DRAFT_KEY] = draft
    selection = [v for v in (form.match.data or []) if isinstance(v, str) and len(v) <= 40]
    target = url_for(
        "matches.need",
        need_id=need.id,
        tab=tab,
        page=page,
        match=selection[: PER_PAGE * 4],
        to=form.to_state.data or None,
    )
    return redirect(target + "#bulk", code=303)


def _render_transition(need, match, form: TransitionForm, warning=None, error=None, status=200):
    volunteer = db.session.get(Volunteer, match.volunteer_id)
    history = queries.history(match.id)
    return (
        render_template(
            "matches/transition.html",
            need=need,
            match=match,
            volunteer=volunteer,
            form=form,
            warning=warning,
            error=error,
            history=history,
            reason_required=[str(s) for s in REASON_REQUIRED],
        ),
        status,
    )


def _refused(need, match_id: int, form: TransitionForm, error: services.TransitionError):
    """The transition form again after a refused move: a warning to confirm, or the error."""
    db.session.rollback()
    match = _match_or_404(need.id, match_id)
    form.to_state.choices = target_choices(services.targets_for(match.state))
    if isinstance(error, services.ConfirmationNeeded):
        form.confirm.data = " ".join(filter(None, [form.confirm.data, error.kind]))
        return _render_transition(need, match, form, warning=error)
    if isinstance(error, services.Conflict):
        form.version.data = match.version
        return _render_transition(need, match, form, error=error.message, status=409)
    if isinstance(error, services.ReasonRequired):
        form.reason.errors = [error.message]
    return _render_transition(need, match, form, error=error.message, status=400)


def _moved(need_id: int, form: TransitionForm):
    """Commit a move, say so, and go back to the tab and page the consultant came from."""
    db.session.commit()
    flash(_("Moved to “%(state)s”.", state=state_label(form.to_state.data)), "success")
    return redirect(_back(need_id, form.tab.data, form.page.data))


@bp.route("/<int:need_id>/matches/<int:match_id>", methods=["GET", "POST"])
@staff_required
def transition(need_id: int, match_id: int):
    """Move one candidate: a form with note and reason, warnings to confirm, conflicts shown."""
    need = _need_or_404(need_id)
    match = _match_or_404(need_id, match_id)
    form = TransitionForm()
    form.to_state.choices = target_choices(services.targets_for(match.state))
    if request.method == "GET":
        form.version.data = match.version
        form.to_state.data = request.args.get("to") or None
        form.tab.data, form.page.data = request.args.get("tab"), request.args.get("page")
        return _render_transition(need, match, form)
    if not form.validate():
        return _render_transition(need, match, form, status=400)
    try:
        services.transition(
            match,
            form.to_state.data,
            current_user,
            note=form.note.data or "",
            reason=form.reason.data or "",
            expected_version=form.version.data,
            confirm_override=form.confirmed("override"),
            confirm_overlap=form.confirmed("overlap"),
        )
    except services.TransitionError as error:
        return _refused(need, match_id, form, error)
    return _moved(need_id, form)


@bp.post("/<int:need_id>/matches/<int:match_id>/next")
@staff_required
def next_step(need_id: int, match_id: int):
    """The one-click forward step on a row; warnings and errors continue on the full form."""
    need = _need_or_404(need_id)
    match = _match_or_404(need_id, match_id)
    form = TransitionForm()
    form.to_state.choices = target_choices()
    if not form.validate():
        abort(400)
    try:
        services.transition(
            match, form.to_state.data, current_user, expected_version=form.version.data
        )
    except services.Conflict as conflict:
        db.session.rollback()
        flash(conflict.message, "error")
        return redirect(_back(need_id, form.tab.data, form.page.data))
    except services.TransitionError as error:
        return _refused(need, match_id, form, error)
    return _moved(need_id, form)


@bp.post("/<int:need_id>/matches/bulk")
@staff_required
def bulk(need_id: int):
    """Apply one transition to all checked candidates: all of them, or none and the reasons why."""
    need = _need_or_404(need_id)
    form = BulkTransitionForm()
    tab, page = _tab(form.tab.data), page_number(form.page.data)
    if not form.validate():
        return _bulk_refused(need, form, tab, page, 400)
    if form.to_state.data in REASON_REQUIRED and not (form.reason.data or "").strip():
        label = state_label(form.to_state.data)
        form.reason.errors = [_("Give a reason when a match becomes “%(to)s”.", to=label)]
        return _bulk_refused(need, form, tab, page, 400)
    try:
        steps = services.bulk_transition(
            need,
            form.selection,
            form.to_state.data,
            current_user,
            note=form.note.data or "",
            reason=form.reason.data or "",
        )
    except services.BulkError as refused:
        rows = [(m.id if m is not None else None, message) for m, message in refused.errors]
        db.session.rollback()
        return _bulk_refused(need, form, tab, page, 400, rows=rows)
    except services.Conflict as conflict:
        db.session.rollback()
        form.match.errors = [conflict.message]
        return _bulk_refused(need, form, tab, page, 409)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d candidate moved to “%(state)s”.",
            "%(num)d candidates moved to “%(state)s”.",
            len(steps),
            state=state_label(form.to_state.data),
        ),
        "success",
    )
    return redirect(_back(need_id, tab, page))
