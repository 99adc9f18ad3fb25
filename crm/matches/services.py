"""Moving matches through the pipeline: one at a time, in bulk, and when a need is filled."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import and_, or_, select
from sqlalchemy.orm import aliased

from crm.audit import log as audit
from crm.audit.log import Action
from crm.auth.models import User
from crm.extensions import db
from crm.locking import StaleEdit, check_version, refuse_stale
from crm.matches.explain import describe_reason
from crm.matches.labels import state_label
from crm.matches.models import ExitReason, Match, MatchState, MatchTransition
from crm.matches.pipeline import (
    AFTER_CONSENT_WITHDRAWN,
    ALL_STATES,
    EXITS,
    FORWARD,
    OPEN_STATES,
    REASON_REQUIRED,
    allowed_targets,
    can_transition,
)
from crm.projects.models import Need, Project
from crm.projects.services import need_is_open
from crm.volunteers.models import Volunteer
from crm.volunteers.services import has_withdrawn_consent, is_erased


class TransitionError(Exception):
    """A transition that cannot go through; `message` is shown to the consultant."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionNotAllowed(TransitionError):
    """The pipeline graph has no edge from the match's state to the target."""


class ReasonRequired(TransitionError):
    """declined and not_suitable need a reason code from ExitReason (a missing or unknown one
    is refused); the free text beside it is optional."""


class NeedNotOpen(TransitionError):
    """The need is filled or closed, so the match cannot move forward."""


class ConsentWithdrawn(TransitionError):
    """The volunteer withdrew consent, so the match may only leave the pipeline."""


class ConfirmationNeeded(TransitionError):
    """The transition may go through, but only after the consultant confirms a warning."""

    def __init__(self, message: str, kind: str, details: list | None = None):
        super().__init__(message)
        self.kind = kind  # "override" or "overlap"
        self.details = details or []


@dataclass
class BulkError(Exception):
    """A bulk transition refused as a whole; `errors` holds (match or None, message) per row."""

    errors: list[tuple[Match | None, str]] = field(default_factory=list)


def conflict_message() -> str:
    """The message shown when a consultant's change lost the race."""
    return _("Someone else changed this match first; reload the page and try again.")


def overlapping_placements(match: Match) -> list[tuple[Match, Need, str]]:
    """The volunteer's other placements whose need period overlaps this match's need (none for a
    branch's offer: a branch can help on several needs at once)."""
    need = db.session.get(Need, match.need_id)
    if match.volunteer_id is None or need is None:
        return []
    if need.period_from is None and need.period_to is None:
        return []
    other = aliased(Need)
    conditions = [
        Match.volunteer_id == match.volunteer_id,
        Match.state == MatchState.PLACED,
        Match.id != match.id,
        or_(other.period_from.is_not(None), other.period_to.is_not(None)),
    ]
    if need.period_to is not None:
        conditions.append(or_(other.period_from.is_(None), other.period_from <= need.period_to))
    if need.period_from is not None:
        conditions.append(or_(other.period_to.is_(None), other.period_to >= need.period_from))
    rows = db.session.execute(
        select(Match, other, Project.title)
        .join(other, other.id == Match.need_id)
        .join(Project, Project.id == other.project_id)
        .where(and_(*conditions))
        .order_by(other.period_from)
    ).all()
    return [(m, n, title) for m, n, title in rows]


def allowed_on(need: Need, to_state: str) -> bool:
    """Whether a match of `need` may move to `to_state` given whether the need is open (its own
    status and its project's): on a need that is not open nothing may move to an open state or
    to placed."""
    return need_is_open(need) or (to_state not in OPEN_STATES and to_state != MatchState.PLACED)


def consent_allows(volunteer: Volunteer | None, to_state: str) -> bool:
    """Whether a match of `volunteer` may move to `to_state` given their consent: once they
    withdrew it, only out of the pipeline. A branch's offer (no volunteer) is not held back."""
    if volunteer is None:
        return True
    return not has_withdrawn_consent(volunteer) or to_state in AFTER_CONSENT_WITHDRAWN


def check_reason_code(to_state: str, reason_code: str | None) -> str | None:
    """The stored reason code of a move to `to_state`: one of ExitReason for declined and
    not_suitable (ReasonRequired when it is missing or unknown), None for every other state."""
    if to_state not in REASON_REQUIRED:
        return None
    if not reason_code:
        raise ReasonRequired(_("Choose why the match becomes “%(to)s”.", to=state_label(to_state)))
    try:
        return str(ExitReason(reason_code))
    except ValueError:
        raise ReasonRequired(_("Choose a reason from the list.")) from None


def check_transition(
    match: Match,
    to_state: str,
    reason: str = "",
    expected_version: int | None = None,
    *,
    confirm_override: bool = False,
    confirm_overlap: bool = False,
    reason_code: str | None = None,
) -> None:
    """Raise a TransitionError (or StaleEdit) unless `match` may move to `to_state` right now;
    changes nothing. `reason` is the free text; `reason_code` the ExitReason."""
    if expected_version is not None:
        check_version(match, expected_version)
    if match.volunteer_id is not None:
        volunteer = db.session.get(Volunteer, match.volunteer_id)
        if volunteer is not None and is_erased(volunteer):
            raise TransitionError(_("This volunteer's data is erased: the match cannot move."))
    if not can_transition(match.state, to_state):
        raise TransitionNotAllowed(
            _(
                "A match cannot move from “%(from)s” to “%(to)s”.",
                **{"from": state_label(match.state), "to": state_label(to_state)},
            )
        )
    check_reason_code(to_state, reason_code)
    if not allowed_on(db.session.get(Need, match.need_id), to_state):
        raise NeedNotOpen(_("This need is filled or closed, or its project is. Re-open it first."))
    volunteer = db.session.get(Volunteer, match.volunteer_id) if match.volunteer_id else None
    if not consent_allows(volunteer, to_state):
        raise ConsentWithdrawn(
            _(
                "This volunteer withdrew their consent: the match can only leave the pipeline "
                "(declined or withdrawn)."
            )
        )
    if (
        to_state == MatchState.SHORTLISTED
        and match.excluded
        and not match.override
        and not confirm_override
    ):
        raise ConfirmationNeeded(
            _("This volunteer is excluded by a hard requirement. Shortlist anyway?"),
            "override",
            [describe_reason(r) for r in match.reasons or []],
        )
    if to_state == MatchState.PLACED and not confirm_overlap:
        others = overlapping_placements(match)
        if others:
            raise ConfirmationNeeded(
                _("This volunteer is already placed on another need in the same period."),
                "overlap",
                others,
            )


def apply_transition(
    match: Match,
    to_state: str,
    user: User | None,
    note: str = "",
    reason: str = "",
    reason_code: str | None = None,
) -> MatchTransition:
    """Move `match` to `to_state` and record the step (with its reason code when it is an exit
    that takes one); the caller has checked it."""
    code = str(ExitReason(reason_code)) if reason_code and to_state in REASON_REQUIRED else None
    with db.session.no_autoflush:
        return _apply(match, to_state, user, note, reason, code)


def _apply(
    match: Match, to_state: str, user: User | None, note: str, reason: str, code: str | None
):
    from_state = match.state
    note = note.strip()
    if to_state == MatchState.SHORTLISTED and match.excluded and not match.override:
        match.override = True
        reasons = "; ".join(describe_reason(r) for r in match.reasons or [])
        override_note = _("Override: shortlisted although excluded (%(reasons)s).", reasons=reasons)
        note = f"{override_note}\n{note}".strip()
    match.state = MatchState(to_state)
    step = MatchTransition(
        match_id=match.id,
        from_state=from_state,
        to_state=match.state,
        user_id=user.id if user is not None else None,
        note=note,
        reason=reason.strip(),
        reason_code=code,
    )
    db.session.add(step)
    if user is not None and match.volunteer_id is not None:
        audit.record(
            Action.RECORD_CHANGED,
            volunteer_id=match.volunteer_id,
            actor=user,
            change="pipeline",
            match_id=match.id,
            from_state=str(from_state),
            to_state=str(match.state),
        )
    return step


def _flush() -> None:
    with refuse_stale():
        db.session.flush()


def transition(
    match: Match,
    to_state: str,
    user: User | None,
    note: str = "",
    reason: str = "",
    expected_version: int | None = None,
    *,
    confirm_override: bool = False,
    confirm_overlap: bool = False,
    reason_code: str | None = None,
) -> MatchTransition:
    """Move one match through the pipeline, or raise a TransitionError and change nothing.

    declined and not_suitable need `reason_code` (an ExitReason value; ReasonRequired when it
    is missing or unknown); `reason` is the optional free text beside it, `note` a note.

    `expected_version` is the Match.version the consultant saw; a mismatch, or a concurrent
    update caught at flush (StaleDataError), raises StaleEdit. After a StaleEdit the caller
    must roll back the session.
    """
    check_transition(
        match,
        to_state,
        reason,
        expected_version,
        confirm_override=confirm_override,
        confirm_overlap=confirm_overlap,
        reason_code=reason_code,
    )
    step = apply_transition(match, to_state, user, note, reason, reason_code)
    _flush()
    return step


def bulk_transition(
    need: Need,
    selection: list[tuple[int, int | None]],
    to_state: str,
    user: User | None,
    note: str = "",
    reason: str = "",
    reason_code: str | None = None,
) -> list[MatchTransition]:
    """Move several matches of `need` at once: all go through, or none (BulkError lists why).

    `selection` holds (match id, version seen) pairs. Warnings that need a confirmation
    (override of an exclusion, overlapping placement) refuse the row in bulk: those are done one
    at a time, so that nobody confirms a warning they did not see. A missing reason raises
    ReasonRequired once, for the whole form (declined and not_suitable take one reason_code
    for every row).
    """
    ids = [match_id for match_id, _version in selection]
    matches = {
        m.id: m
        for m in db.session.scalars(
            select(Match).where(Match.id.in_(ids), Match.need_id == need.id)
        )
    }
    volunteers = {m.volunteer_id for m in matches.values()}  # loaded once, for the consent check
    list(db.session.scalars(select(Volunteer).where(Volunteer.id.in_(volunteers))))
    errors: list[tuple[Match | None, str]] = []
    if not selection:
        raise BulkError([(None, _("Select at least one candidate."))])
    check_reason_code(to_state, reason_code)
    for match_id, version in selection:
        match = matches.get(match_id)
        if match is None:
            errors.append((None, _("A selected match no longer exists.")))
            continue
        try:
            check_transition(match, to_state, reason, version, reason_code=reason_code)
        except ConfirmationNeeded as warning:
            errors.append((match, warning.message + " " + _("Do this one on its own.")))
        except StaleEdit:
            errors.append((match, conflict_message()))
        except TransitionError as error:
            errors.append((match, error.message))
    if errors:
        raise BulkError(errors)
    steps = [apply_transition(matches[i], to_state, user, note, reason, reason_code) for i in ids]
    _flush()
    return steps


def targets_for(state: str) -> list[MatchState]:
    """The states a match in `state` may move to: forward first, then the exits, then back."""
    allowed = allowed_targets(state)
    rank = {s: i for i, s in enumerate(ALL_STATES)}
    here = rank.get(state, 0)

    def order(target: MatchState) -> tuple[int, int]:
        if target in FORWARD and rank[target] > here:
            return (0, rank[target])
        return (1, rank[target]) if target in EXITS else (2, -rank[target])

    return sorted(allowed, key=order)
