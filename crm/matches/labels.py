"""Translated labels of the match pipeline: its states, in pipeline order, and the moves."""

from flask_babel import lazy_gettext as _l

STATE_LABELS = {
    "suggested": _l("Suggested"),
    "shortlisted": _l("Shortlisted"),
    "contacted": _l("Contacted"),
    "interested": _l("Interested"),
    "placed": _l("Placed"),
    "completed": _l("Completed"),
    "declined": _l("Declined"),
    "not_suitable": _l("Not suitable"),
    "withdrawn": _l("Withdrawn"),
}
"""Every pipeline state (crm.matches.models.MatchState), in pipeline order."""

EXCLUDED_LABEL = _l("Excluded")
"""The candidate page's tab of volunteers a hard requirement rules out (not a state)."""

ASKED = "asked"
ASKED_LABEL = _l("Asked to take part themselves")
"""The volunteer's own signal (not a pipeline state), e.g. as a search filter beside the states."""

ACTION_LABELS = {
    "suggested": _l("Move back to suggested"),
    "shortlisted": _l("Shortlist"),
    "contacted": _l("Mark contacted"),
    "interested": _l("Mark interested"),
    "placed": _l("Place"),
    "completed": _l("Mark completed"),
    "declined": _l("Volunteer declined"),
    "not_suitable": _l("Not suitable"),
    "withdrawn": _l("Withdraw"),
}
"""The button text for moving a match into each state."""


def state_label(state: str) -> str:
    """A pipeline state (or "excluded") in the user's language."""
    label = STATE_LABELS.get(str(state))
    if label is None and str(state) == "excluded":
        label = EXCLUDED_LABEL
    return str(label) if label is not None else str(state)


def action_label(state: str) -> str:
    """The button text for moving a match into `state`."""
    label = ACTION_LABELS.get(str(state))
    return str(label) if label is not None else state_label(state)


BRANCH_STATE_LABELS = {
    "suggested": _l("Sent: waiting for the consultant"),
    "shortlisted": _l("The consultant is considering your offer"),
    "contacted": _l("The consultant has been in touch"),
    "interested": _l("An agreement is under way"),
    "placed": _l("Agreed: your branch is helping"),
    "completed": _l("Completed"),
    "declined": _l("Your branch said no thanks"),
    "not_suitable": _l("Not chosen this time"),
    "withdrawn": _l("The need was closed or filled"),
}
"""A branch offer's state in words a branch contact understands (never the consultant's notes)."""


def branch_state_label(state: str) -> str:
    """The state of a branch's offer in the branch contact's words."""
    label = BRANCH_STATE_LABELS.get(str(state))
    return str(label) if label is not None else state_label(state)


INVOLVEMENT_LABELS = {
    "asked": _l("Asked to take part"),
    "placed": _l("Placed"),
    "completed": _l("Completed"),
}
"""The only words a branch reads about its members' matches (crm/matches/branch_members.py)."""


def involvement_label(word: str) -> str:
    """What a branch reads about a member's match, in the user's language."""
    return str(INVOLVEMENT_LABELS.get(word, word))


EXIT_REASON_LABELS = {
    "skills": _l("Skills did not fit"),
    "level": _l("Experience level too low"),
    "languages": _l("Languages"),
    "availability": _l("Time, period or travel"),
    "chose_another": _l("Another candidate was chosen"),
    "own_reasons": _l("The volunteer's own reasons"),
    "other": _l("Other"),
}
"""Why a match was declined or not suitable (crm.matches.models.ExitReason), in its order."""


NO_EXIT_REASON_LABEL = _l("No reason from the list")
"""An exit stored before the reasons list (no reason code), as the figures show it."""


def exit_reason_label(code: str | None) -> str:
    """An exit reason code in the user's language ("" for none)."""
    if not code:
        return ""
    label = EXIT_REASON_LABELS.get(str(code))
    return str(label) if label is not None else str(code)


FACTOR_GROUP_LABELS = {
    "skills": _l("Skills"),
    "languages": _l("Languages"),
    "countries": _l("Countries"),
    "availability": _l("Availability (hours, period, travel)"),
}
"""The score's factor groups (crm/matches/reason_figures.py FACTOR_GROUPS)."""


def factor_group_label(group: str) -> str:
    """A factor group of the score in the user's language."""
    return str(FACTOR_GROUP_LABELS.get(group, group))
