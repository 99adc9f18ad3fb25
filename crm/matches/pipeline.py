"""The match pipeline as one declarative table: which state may move to which.

The forward path is PRODUCT.md's: suggested → shortlisted → contacted → interested → placed →
completed. The exits are declined (the volunteer said no), not_suitable (the consultant said no)
and withdrawn (the need closed or was filled).

Decisions, all visible in TRANSITIONS below:

- Forward moves go one step at a time, except that a consultant may skip "contacted" when the
  volunteer comes forward by themselves (shortlisted → interested) — the contact log still shows
  how it happened.
- A consultant may step back one stage when a click was a mistake (shortlisted → suggested,
  contacted → shortlisted, interested → contacted).
- declined: from shortlisted, contacted, interested and placed (a volunteer may pull out even
  after being placed). Not from suggested: a volunteer who was never asked cannot say no.
- not_suitable: from suggested, shortlisted, contacted and interested. Once placed, ending the
  placement is "declined" or "withdrawn", not a judgement of suitability.
- withdrawn: from every non-final state. A bulk withdraw when a need is filled or closed touches
  only OPEN_STATES: a placed volunteer stays placed (they are what filled the need) and is moved to
  completed (or withdrawn, if the project is cancelled) by hand.
- Re-opening: declined, not_suitable and withdrawn may go back to shortlisted (the volunteer
  changed their mind, the consultant reconsidered, the need was re-opened). completed is final.
- declined and not_suitable need a reason (REASON_REQUIRED).
"""

from crm.matches.models import MatchState

S = MatchState

TRANSITIONS: dict[MatchState, frozenset[MatchState]] = {
    S.SUGGESTED: frozenset({S.SHORTLISTED, S.NOT_SUITABLE, S.WITHDRAWN}),
    S.SHORTLISTED: frozenset(
        {S.CONTACTED, S.INTERESTED, S.SUGGESTED, S.DECLINED, S.NOT_SUITABLE, S.WITHDRAWN}
    ),
    S.CONTACTED: frozenset({S.INTERESTED, S.SHORTLISTED, S.DECLINED, S.NOT_SUITABLE, S.WITHDRAWN}),
    S.INTERESTED: frozenset({S.PLACED, S.CONTACTED, S.DECLINED, S.NOT_SUITABLE, S.WITHDRAWN}),
    S.PLACED: frozenset({S.COMPLETED, S.DECLINED, S.WITHDRAWN}),
    S.COMPLETED: frozenset(),
    S.DECLINED: frozenset({S.SHORTLISTED}),
    S.NOT_SUITABLE: frozenset({S.SHORTLISTED}),
    S.WITHDRAWN: frozenset({S.SHORTLISTED}),
}
"""from-state → the states it may move to. Anything not listed is refused."""

FORWARD: tuple[MatchState, ...] = (
    S.SUGGESTED,
    S.SHORTLISTED,
    S.CONTACTED,
    S.INTERESTED,
    S.PLACED,
    S.COMPLETED,
)
"""The pipeline's main path, in order."""

EXITS: tuple[MatchState, ...] = (S.DECLINED, S.NOT_SUITABLE, S.WITHDRAWN)
"""The ways out of the pipeline."""

ALL_STATES: tuple[MatchState, ...] = FORWARD + EXITS

FINAL_STATES: frozenset[MatchState] = frozenset({S.COMPLETED, *EXITS})
"""States the pipeline has ended in (exits may still be re-opened by hand)."""

OPEN_STATES: frozenset[MatchState] = frozenset(
    {S.SUGGESTED, S.SHORTLISTED, S.CONTACTED, S.INTERESTED}
)
"""States that are still being worked on: these are withdrawn when a need is filled or closed."""

PLACED_STATES: frozenset[MatchState] = frozenset({S.PLACED, S.COMPLETED})
"""The volunteer was placed on the need (and may have finished): what a branch counts as placed."""

CONSIDERED_STATES: tuple[MatchState, ...] = (S.SHORTLISTED, S.CONTACTED, S.INTERESTED, S.PLACED)
"""Picked out by the consultant and not out of the running: the volunteer is told they are
"being considered", and the dashboard counts them as good candidates whatever their score."""

CHART_STATES: tuple[MatchState, ...] = FORWARD[1:]
"""The people a consultant works with, in pipeline order ("suggested" would dwarf them)."""

AWAITING_ANSWER_STATES: frozenset[MatchState] = frozenset({S.SUGGESTED, S.SHORTLISTED})
"""A volunteer who asked to take part while their match is in one of these states has had no
answer yet: nobody has contacted them about it."""

ASK_STATES: frozenset[MatchState] = frozenset({S.SUGGESTED, S.SHORTLISTED, S.CONTACTED})
"""A volunteer may ask to take part while their match (if any) is in one of these states: not
yet "interested", placed or out of the pipeline."""

AFTER_CONSENT_WITHDRAWN: frozenset[MatchState] = frozenset({S.DECLINED, S.WITHDRAWN})
"""The only moves left for a match whose volunteer withdrew consent: out of the pipeline."""

NOTIFIED_STATES: frozenset[MatchState] = frozenset({S.SHORTLISTED, S.PLACED, S.COMPLETED})
"""Moving forward into one of these e-mails the volunteer (crm/notifications/status.py); a step
back into one (undoing a click: contacted → shortlisted) does not. Completed asks for the
activity report and the debrief."""

CLOSING_TOLD_STATES: frozenset[MatchState] = OPEN_STATES & frozenset(CONSIDERED_STATES)
"""A volunteer whose match is in one of these (they were told they are being considered) is
e-mailed when the need closes and the match is withdrawn; so is one who asked to take part."""

REASON_REQUIRED: frozenset[MatchState] = frozenset({S.DECLINED, S.NOT_SUITABLE})
"""Moving into these states needs a reason."""

NEXT_STEP: dict[MatchState, MatchState] = {
    S.SUGGESTED: S.SHORTLISTED,
    S.SHORTLISTED: S.CONTACTED,
    S.CONTACTED: S.INTERESTED,
    S.INTERESTED: S.PLACED,
    S.PLACED: S.COMPLETED,
}
"""The one-click forward action offered on each row."""


def allowed_targets(state: str) -> frozenset[MatchState]:
    """The states a match in `state` may move to (empty for an unknown state)."""
    try:
        return TRANSITIONS[MatchState(state)]
    except ValueError:
        return frozenset()


def can_transition(from_state: str, to_state: str) -> bool:
    """Whether the graph allows moving from `from_state` to `to_state`."""
    try:
        return MatchState(to_state) in allowed_targets(from_state)
    except ValueError:
        return False


STATE_ORDER: dict[MatchState, int] = {state: rank for rank, state in enumerate(ALL_STATES)}
"""Where each state sits when a list of matches is sorted by state: the forward path in order,
then the exits. Use it in Python (`STATE_ORDER[state]`) or in SQL (`case(STATE_ORDER, ...)`)."""


def is_step_back(from_state: str, to_state: str) -> bool:
    """Whether a move goes back along the forward path (a click undone, not news to anyone)."""
    forward = [str(s) for s in FORWARD]
    if from_state not in forward or to_state not in forward:
        return False
    return forward.index(to_state) < forward.index(from_state)
