"""A need's candidates for consultants: ranked, explained, per pipeline state, with actions."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from crm.auth.access import staff_required
from crm.extensions import db
from crm.labels import spoken_list
from crm.locking import StaleEdit
from crm.matches import queries, services
from crm.matches.forms import BulkTransitionForm, TransitionForm, target_choices
from crm.matches.labels import state_label
from crm.matches.models import Match, MatchState
from crm.matches.pipeline import EXITS, FORWARD, NEXT_STEP, REASON_REQUIRED
from crm.notifications import status
from crm.pagination import page_number
from crm.volunteers.models import Volunteer
from crm.volunteers.services import is_erased

bp = Blueprint("matches", __name__, url_prefix="/consultant/needs")

PER_PAGE = 25
SHOWN_ERRORS = 5
TABS: tuple[str, ...] = (*FORWARD, queries.EXCLUDED_TAB, *EXITS)


def _tab(value: str | None) -> str:
    return value if value in TABS else MatchState.SUGGESTED


def _need_or_404(need_id: int):
    need = queries.load_need(need_id)
    if need is None:
        abort(404)
    return need


def _match_or_404(need_id: int, match_id: int) -> Match:
    """The need's match; 404 for another need's, and for an erased person's (no one to move)."""
    match = db.get_or_404(Match, match_id)
    if match.need_id != need_id:
        abort(404)
    volunteer = _volunteer_of(match)
    if volunteer is not None and is_erased(volunteer):
        abort(404)
    return match


def _targets(need, state: str) -> list[MatchState]:
    """The states a match may move to from `state` on this need: on a filled or closed need
    nothing that the service would refuse (an open state or placed)."""
    return [t for t in services.targets_for(state) if services.allowed_on(need, t)]


def _next_steps(need) -> dict:
    """The one-click forward step of each state, without those a closed need refuses."""
    return {s: t for s, t in NEXT_STEP.items() if services.allowed_on(need, t)}


def _back(need_id: int, tab: str | None, page: str | None, anchor: str | None = None) -> str:
    """The need page's tab and page the consultant came from, at a card's anchor if given."""
    url = url_for("matches.need", need_id=need_id, tab=_tab(tab), page=page_number(page))
    return url + (f"#{anchor}" if anchor else "")


def _anchor(match: Match) -> str:
    """The id of the match's card on the need page: a candidate's, or a branch's offer's."""
    return f"offer-{match.id}" if match.branch_id is not None else f"match-{match.id}"


def _volunteer_of(match: Match) -> Volunteer | None:
    """The match's volunteer; None for a branch's offer."""
    return db.session.get(Volunteer, match.volunteer_id) if match.volunteer_id else None


def _match_targets(need, match: Match) -> list[MatchState]:
    """The states this match may move to now: the graph, the need and the volunteer's consent."""
    volunteer = _volunteer_of(match)
    return [t for t in _targets(need, match.state) if services.consent_allows(volunteer, t)]


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
            exit_tabs=(queries.EXCLUDED_TAB, *EXITS),
            counts=counts,
            listing=listing,
            bulk_form=bulk_form,
            next_step=_next_steps(need),
            awaiting=queries.awaiting_answer(need.id),
            offers=queries.offer_cards(need.id),
            withdrawn=queries.consent_withdrawn(need.id),
            selected={str(v) for v in (bulk_form.match.data or [])},
        ),
        status,
    )


@bp.get("/<int:need_id>")
@staff_required
def need(need_id: int):
    """The need's summary, the branches' offers of help, and its candidates in one pipeline
    state (a tab), best first."""
    need = _need_or_404(need_id)
    tab = _tab(request.args.get("tab"))
    form = BulkTransitionForm(formdata=None)
    return _render_need(need, tab, page_number(request.args.get("page")), form)


def _row_messages(need_id: int, rows: list[tuple[int | None, str]]) -> list[str]:
    """A refused bulk move's reasons, each after the name of the volunteer it is about."""
    names = queries.names_by_match(need_id, [m for m, _message in rows if m is not None])
    messages = [f"{names[m]}: {message}" if m in names else message for m, message in rows]
    if len(messages) > SHOWN_ERRORS:
        more = len(messages) - SHOWN_ERRORS
        messages = messages[:SHOWN_ERRORS] + [_("… and %(num)d more.", num=more)]
    return messages


def _bulk_refused(need, form: BulkTransitionForm, tab: str, page: int, status: int):
    """A refused bulk move: the need page again with the selection, the typed reason and note
    and the errors next to the form (400, or 409 for a conflict); nothing was changed."""
    return _render_need(need, tab, page, form, status=status)


def _render_transition(need, match, form: TransitionForm, warning=None, error=None, status=200):
    offer = None
    if match.branch_id is not None:
        offer = next((o for o in queries.offer_cards(need.id) if o.match.id == match.id), None)
        form.reason_code.description = _("Required when the branch declined or is not suitable.")
    history = queries.history(match.id)
    return (
        render_template(
            "matches/transition.html",
            need=need,
            match=match,
            volunteer=_volunteer_of(match),
            offer=offer,
            form=form,
            warning=warning,
            error=error,
            history=history,
            reason_required=[str(s) for s in REASON_REQUIRED],
        ),
        status,
    )


def _refused(
    need, match_id: int, form: TransitionForm, error: services.TransitionError | StaleEdit
):
    """The transition form again after a refused move: a warning to confirm, or the error."""
    db.session.rollback()
    match = _match_or_404(need.id, match_id)
    form.to_state.choices = target_choices(_match_targets(need, match))
    if isinstance(error, services.ConfirmationNeeded):
        form.confirm.data = " ".join(filter(None, [form.confirm.data, error.kind]))
        return _render_transition(need, match, form, warning=error)
    if isinstance(error, StaleEdit):
        form.version.data = match.version
        return _render_transition(need, match, form, error=services.conflict_message(), status=409)
    if isinstance(error, services.ReasonRequired):
        form.reason_code.errors = [error.message]
    return _render_transition(need, match, form, error=error.message, status=400)


def _moved(need_id: int, match: Match, form: TransitionForm):
    """Commit a move, say whom it moved where, and go back to the tab and page the consultant
    came from, at the card's place (the card itself when it is still in that tab)."""
    name = queries.names_by_match(need_id, [match.id]).get(match.id, "")
    tab = _tab(form.tab.data)
    db.session.commit()
    flash(
        _("%(name)s moved to “%(state)s”.", name=name, state=state_label(form.to_state.data)),
        "success",
    )
    # An offer's card is on every tab; a candidate's only in the tab of its state.
    still_here = match.branch_id is not None or queries.tab_of(match.state, match.excluded) == tab
    return redirect(_back(need_id, tab, form.page.data, _anchor(match) if still_here else None))


@bp.route("/<int:need_id>/matches/<int:match_id>", methods=["GET", "POST"])
@staff_required
def transition(need_id: int, match_id: int):
    """Move one candidate: a form with note and reason, warnings to confirm, conflicts shown."""
    need = _need_or_404(need_id)
    match = _match_or_404(need_id, match_id)
    form = TransitionForm()
    form.to_state.choices = target_choices(_match_targets(need, match))
    if request.method == "GET":
        form.version.data = match.version
        form.to_state.data = request.args.get("to") or None
        form.tab.data, form.page.data = request.args.get("tab"), request.args.get("page")
        return _render_transition(need, match, form)
    if not form.validate():
        return _render_transition(need, match, form, status=400)
    try:
        step = services.transition(
            match,
            form.to_state.data,
            current_user,
            note=form.note.data or "",
            reason=form.reason.data or "",
            reason_code=form.reason_code.data or None,
            expected_version=form.version.data,
            confirm_override=form.confirmed("override"),
            confirm_overlap=form.confirmed("overlap"),
        )
    except (services.TransitionError, StaleEdit) as error:
        return _refused(need, match_id, form, error)
    status.moved([step])
    return _moved(need_id, match, form)


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
        step = services.transition(
            match, form.to_state.data, current_user, expected_version=form.version.data
        )
    except StaleEdit:
        db.session.rollback()
        flash(services.conflict_message(), "error")
        return redirect(_back(need_id, form.tab.data, form.page.data, _anchor(match)))
    except services.TransitionError as error:
        return _refused(need, match_id, form, error)
    status.moved([step])
    return _moved(need_id, match, form)


@bp.post("/<int:need_id>/matches/bulk")
@staff_required
def bulk(need_id: int):
    """Apply one transition to all checked candidates: all of them, or none and the reasons why."""
    need = _need_or_404(need_id)
    form = BulkTransitionForm()
    tab, page = _tab(form.tab.data), page_number(form.page.data)
    if not form.validate():
        return _bulk_refused(need, form, tab, page, 400)
    try:
        steps = services.bulk_transition(
            need,
            form.selection,
            form.to_state.data,
            current_user,
            note=form.note.data or "",
            reason=form.reason.data or "",
            reason_code=form.reason_code.data or None,
        )
    except services.ReasonRequired as missing:
        db.session.rollback()
        form.reason_code.errors = [missing.message]
        return _bulk_refused(need, form, tab, page, 400)
    except services.BulkError as refused:
        rows = [(m.id if m is not None else None, message) for m, message in refused.errors]
        db.session.rollback()
        form.match.errors = _row_messages(need.id, rows)
        return _bulk_refused(need, form, tab, page, 400)
    except StaleEdit:
        db.session.rollback()
        form.match.errors = [services.conflict_message()]
        return _bulk_refused(need, form, tab, page, 409)
    status.moved(steps)
    names = queries.names_by_match(need_id, [step.match_id for step in steps])
    db.session.commit()
    shown = sorted(names.values())[:SHOWN_ERRORS]
    if len(names) > len(shown):
        shown.append(_("%(num)d more", num=len(names) - len(shown)))
    flash(
        ngettext(
            "%(num)d candidate moved to “%(state)s”: %(names)s.",
            "%(num)d candidates moved to “%(state)s”: %(names)s.",
            len(steps),
            state=state_label(form.to_state.data),
            names=spoken_list(shown),
        ),
        "success",
    )
    return redirect(_back(need_id, tab, page) + "#candidates")
