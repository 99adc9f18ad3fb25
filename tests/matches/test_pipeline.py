"""The pipeline table against PRODUCT.md's graph, and the service refusing every missing edge."""

import itertools

import pytest

from crm.matches import services
from crm.matches.models import MatchState as S
from crm.matches.pipeline import (
    ALL_STATES,
    FINAL_STATES,
    OPEN_STATES,
    REASON_REQUIRED,
    TRANSITIONS,
    can_transition,
)

# Written by hand from PRODUCT.md and the issue, so that the table is checked against something
# other than itself.
MUST_ALLOW = [
    ("suggested", "shortlisted"),
    ("shortlisted", "contacted"),
    ("contacted", "interested"),
    ("interested", "placed"),
    ("placed", "completed"),
    ("shortlisted", "declined"),
    ("contacted", "declined"),
    ("interested", "declined"),
    ("suggested", "not_suitable"),
    ("shortlisted", "not_suitable"),
    ("contacted", "not_suitable"),
    ("interested", "not_suitable"),
    ("suggested", "withdrawn"),
    ("shortlisted", "withdrawn"),
    ("contacted", "withdrawn"),
    ("interested", "withdrawn"),
    ("placed", "withdrawn"),
    ("declined", "shortlisted"),
    ("not_suitable", "shortlisted"),
]
MUST_REFUSE = [
    ("suggested", "contacted"),
    ("suggested", "interested"),
    ("suggested", "placed"),
    ("suggested", "completed"),
    ("suggested", "declined"),
    ("shortlisted", "placed"),
    ("contacted", "placed"),
    ("contacted", "completed"),
    ("interested", "completed"),
    ("placed", "suggested"),
    ("placed", "not_suitable"),
    ("completed", "withdrawn"),
    ("completed", "suggested"),
    ("declined", "placed"),
    ("not_suitable", "placed"),
    ("withdrawn", "placed"),
    ("withdrawn", "completed"),
] + [(s, s) for s in ALL_STATES]


def test_the_table_covers_every_state_and_nothing_else():
    assert set(TRANSITIONS) == set(S) == set(ALL_STATES)
    for targets in TRANSITIONS.values():
        assert targets <= set(S)


@pytest.mark.parametrize(("source", "target"), MUST_ALLOW)
def test_product_transitions_are_allowed(source, target):
    assert can_transition(source, target)


@pytest.mark.parametrize(("source", "target"), MUST_REFUSE)
def test_product_forbidden_transitions_are_refused(source, target):
    assert not can_transition(source, target)


def test_completed_is_the_only_dead_end_and_withdrawn_reaches_every_non_final_state():
    assert [s for s in ALL_STATES if not TRANSITIONS[s]] == [S.COMPLETED]
    for state in ALL_STATES:
        if state not in FINAL_STATES:
            assert can_transition(state, S.WITHDRAWN)
    assert {S.SUGGESTED, S.SHORTLISTED, S.CONTACTED, S.INTERESTED} == OPEN_STATES
    assert {S.DECLINED, S.NOT_SUITABLE} == REASON_REQUIRED


def test_unknown_states_are_refused():
    assert not can_transition("suggested", "hired")
    assert not can_transition("hired", "placed")


@pytest.mark.parametrize(("source", "target"), list(itertools.product(ALL_STATES, ALL_STATES)))
def test_service_follows_the_table_on_the_whole_grid(
    source, target, setup, consultant, db, make_need
):
    """Every cell of state × state: the service moves the match exactly when the table allows."""
    _need, _volunteer, match = setup
    match.state = source
    db.session.commit()
    before = match.version
    try:
        step = services.transition(
            match,
            target,
            consultant,
            reason="Har ikke tid",
            confirm_overlap=True,
            reason_code="own_reasons",
        )
    except services.TransitionNotAllowed as refused:
        assert target not in TRANSITIONS[source]
        assert refused.message
        db.session.rollback()
        assert db.session.get(type(match), match.id).state == source
        assert db.session.get(type(match), match.id).version == before
    else:
        assert target in TRANSITIONS[source]
        assert (step.from_state, step.to_state) == (source, target)
        assert match.version == before + 1


def test_the_form_offers_the_next_step_first_and_steps_back_last():
    assert [str(s) for s in services.targets_for("shortlisted")] == [
        "contacted",
        "interested",
        "declined",
        "not_suitable",
        "withdrawn",
        "suggested",
    ]
    assert services.targets_for("completed") == []
