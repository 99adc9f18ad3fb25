"""POST /api/v1/matches/<id>/transitions: move a match through the pipeline with the same
service and rules as the consultant's page (crm.matches.services.transition), optimistic
locking included: a stale version is 409, a move the rules refuse 422 with the reason."""

from flask import jsonify
from flask_login import current_user

from crm.api.blueprint import bp
from crm.api.bodies import Body
from crm.api.docs import operation
from crm.api.errors import ApiError
from crm.api.lookups import get_or_404, not_about_erased
from crm.api.matches import serialise_match
from crm.api.schemas import boolean, component, integer, obj, one, string
from crm.extensions import db
from crm.locking import StaleEdit
from crm.matches import services
from crm.matches.models import ExitReason, Match, MatchState
from crm.notifications import status

TRANSITION_REQUEST = component(
    "TransitionRequest",
    obj(
        {
            "to_state": string(enum=MatchState),
            "version": integer(),
            "note": string(),
            "reason": string(),
            "reason_code": string(enum=ExitReason, nullable=True),
            "confirm_override": boolean(),
            "confirm_overlap": boolean(),
        },
        optional=("note", "reason", "reason_code", "confirm_override", "confirm_overlap"),
    ),
)
FIELDS = (
    "to_state",
    "version",
    "note",
    "reason",
    "reason_code",
    "confirm_override",
    "confirm_overlap",
)
NOTE_LENGTH = 5000
REASON_LENGTH = 500  # MatchTransition.reason


@bp.post("/matches/<int:match_id>/transitions")
@operation(
    summary="Move a match through the pipeline",
    response=one("Match"),
    body=TRANSITION_REQUEST,
    errors=(400, 401, 403, 404, 409, 422),
)
def move_match(match_id: int):
    """Move one match to `to_state`, checked against the `version` the caller saw."""
    match = get_or_404(Match, match_id, not_about_erased)
    body = Body(FIELDS)
    to_state = body.choice("to_state", MatchState, required=True)
    version = body.identifier("version", required=True)
    note = body.text("note", NOTE_LENGTH, one_line=False)
    reason = body.text("reason", REASON_LENGTH)
    reason_code = body.choice("reason_code", ExitReason)
    confirm = {name: body.flag(name) for name in ("confirm_override", "confirm_overlap")}
    body.check()
    try:
        step = services.transition(
            match,
            to_state,
            current_user._get_current_object(),
            note=note,
            reason=reason,
            expected_version=version,
            reason_code=reason_code,
            **confirm,
        )
    except StaleEdit:
        db.session.rollback()
        raise ApiError(409, services.conflict_message(), "stale_version") from None
    except services.ConfirmationNeeded as warning:
        db.session.rollback()
        raise ApiError(
            422, warning.message, "confirmation_needed", confirm=f"confirm_{warning.kind}"
        ) from None
    except services.TransitionError as error:
        db.session.rollback()
        raise ApiError(422, error.message, "transition_refused") from None
    status.moved([step])
    db.session.commit()
    return jsonify({"data": serialise_match(db.session.get(Match, match_id))}), 200
