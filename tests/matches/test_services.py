"""The pipeline service: reasons, history, optimistic locking, bulk moves, withdraw, warnings."""

from datetime import date

import pytest
from sqlalchemy import select, update

from crm.auth.models import Role
from crm.locking import StaleEdit
from crm.matches import closing, queries, services
from crm.models import Match, MatchTransition


def steps(db, match):
    return db.session.scalars(
        select(MatchTransition).where(MatchTransition.match_id == match.id).order_by("id")
    ).all()


@pytest.mark.parametrize("target", ["declined", "not_suitable"])
def test_declined_and_not_suitable_need_a_reason(setup, consultant, db, target):
    _need, _volunteer, match = setup
    match.state = "shortlisted"
    db.session.commit()
    with pytest.raises(services.ReasonRequired):
        services.transition(match, target, consultant, reason="Har ikke tid i foråret")
    with pytest.raises(services.ReasonRequired):
        services.transition(match, target, consultant, reason_code="busy")  # not on the list
    assert match.state == "shortlisted"
    step = services.transition(
        match, target, consultant, reason="Har ikke tid i foråret", reason_code="availability"
    )
    db.session.commit()
    assert (step.reason, step.reason_code) == ("Har ikke tid i foråret", "availability")


def test_the_free_text_is_optional_beside_the_code_and_other_moves_store_no_code(
    setup, consultant, db
):
    _need, _volunteer, match = setup
    step = services.transition(match, "shortlisted", consultant, reason_code="skills")
    assert step.reason_code is None  # only an exit takes a reason
    step = services.transition(match, "not_suitable", consultant, reason_code="level")
    db.session.commit()
    assert (step.reason, step.reason_code) == ("", "level")


def test_each_transition_is_stored_with_who_when_and_note(setup, consultant, db):
    _need, _volunteer, match = setup
    services.transition(match, "shortlisted", consultant, note="Stærk profil")
    services.transition(match, "contacted", consultant, note="Ringet op")
    db.session.commit()
    history = steps(db, match)
    assert [(s.from_state, s.to_state, s.note) for s in history] == [
        ("suggested", "shortlisted", "Stærk profil"),
        ("shortlisted", "contacted", "Ringet op"),
    ]
    assert {s.user_id for s in history} == {consultant.id}
    assert all(s.at is not None and s.at.tzinfo is not None for s in history)
    listed = queries.history(match.id)
    assert [who for _step, who in listed] == ["Karen Konsulent", "Karen Konsulent"]


def test_a_consultants_move_to_interested_is_not_the_volunteers_request(setup, consultant, db):
    _need, _volunteer, match = setup
    for state in ("shortlisted", "contacted", "interested"):
        services.transition(match, state, consultant)
    assert match.interested_at is None  # only the volunteer's own click sets it


def test_stale_version_from_the_form_is_a_conflict_and_changes_nothing(setup, consultant, db):
    _need, _volunteer, match = setup
    seen = match.version
    services.transition(match, "shortlisted", consultant, expected_version=seen)
    db.session.commit()
    with pytest.raises(StaleEdit):
        services.transition(
            match,
            "not_suitable",
            consultant,
            reason="Nej",
            expected_version=seen,
            reason_code="other",
        )
    db.session.rollback()
    assert db.session.get(Match, match.id).state == "shortlisted"
    assert len(steps(db, match)) == 1


def test_a_concurrent_write_caught_at_flush_is_a_conflict(setup, consultant, db):
    """The version column guards the UPDATE itself: StaleDataError becomes StaleEdit."""
    _need, _volunteer, match = setup
    with db.engine.begin() as other:  # a second consultant's request, committed meanwhile
        other.execute(
            update(Match).where(Match.id == match.id).values(state="not_suitable", version=2)
        )
    with pytest.raises(StaleEdit):
        services.transition(match, "shortlisted", consultant)
    db.session.rollback()
    fresh = db.session.get(Match, match.id)
    assert (fresh.state, fresh.version) == ("not_suitable", 2)
    assert steps(db, fresh) == []


def test_bulk_moves_all_or_none(make_need, make_volunteer, make_match, consultant, db):
    need = make_need()
    a, b, c = (make_match(need, make_volunteer(), score=s) for s in (90, 80, 70))
    c.state = "placed"
    db.session.commit()
    selection = [(a.id, a.version), (b.id, b.version), (c.id, c.version)]
    with pytest.raises(services.BulkError) as refused:
        services.bulk_transition(need, selection, "shortlisted", consultant, note="Runde 1")
    assert [m.id for m, _message in refused.value.errors] == [c.id]
    db.session.rollback()
    assert [db.session.get(Match, m.id).state for m in (a, b)] == ["suggested", "suggested"]
    moved = services.bulk_transition(need, selection[:2], "shortlisted", consultant, note="Runde 1")
    db.session.commit()
    assert len(moved) == 2
    assert [db.session.get(Match, m.id).state for m in (a, b)] == ["shortlisted", "shortlisted"]
    assert [s.note for s in steps(db, a)] == ["Runde 1"]


def test_bulk_refuses_stale_rows_other_needs_matches_and_warnings(
    make_need, make_volunteer, make_match, consultant, db
):
    need, other_need = make_need(), make_need()
    a = make_match(need, make_volunteer())
    foreign = make_match(other_need, make_volunteer())
    excluded = make_match(need, make_volunteer(), excluded=True)
    with pytest.raises(services.BulkError) as refused:
        services.bulk_transition(
            need,
            [(a.id, a.version + 1), (foreign.id, foreign.version), (excluded.id, excluded.version)],
            "shortlisted",
            consultant,
        )
    errors = refused.value.errors
    assert len(errors) == 3
    assert errors[1][0] is None  # the other need's match is not even loaded
    assert not db.session.get(Match, excluded.id).override
    with pytest.raises(services.ReasonRequired):  # said once for the form, not per row
        services.bulk_transition(need, [(a.id, a.version)], "declined", consultant)
    with pytest.raises(services.BulkError):
        services.bulk_transition(need, [], "shortlisted", consultant)


@pytest.mark.parametrize("status", ["filled", "closed"])
def test_filling_or_closing_a_need_withdraws_its_open_matches(
    make_need, make_volunteer, make_match, consultant, db, status
):
    need, other_need = make_need(), make_need()
    states = ["suggested", "shortlisted", "contacted", "interested", "placed", "declined"]
    matches = {s: make_match(need, make_volunteer(), state=s) for s in states}
    untouched = make_match(other_need, make_volunteer())
    versions = {s: m.version for s, m in matches.items()}
    need.status = status
    count = closing.withdraw_open_matches(need, consultant, "The need was filled.")
    db.session.commit()
    assert count == 4
    for state, match in matches.items():
        fresh = db.session.get(Match, match.id)
        if state in ("placed", "declined"):
            assert fresh.state == state and steps(db, fresh) == []
        else:
            assert fresh.state == "withdrawn"
            assert fresh.version == versions[state] + 1
            [step] = steps(db, fresh)
            assert (step.from_state, step.to_state, step.user_id) == (
                state,
                "withdrawn",
                consultant.id,
            )
            assert step.note and step.at.tzinfo is not None
    assert db.session.get(Match, untouched.id).state == "suggested"


def test_no_forward_moves_on_a_filled_need(setup, consultant, db):
    need, _volunteer, match = setup
    need.status = "filled"
    db.session.commit()
    with pytest.raises(services.NeedNotOpen):
        services.transition(match, "shortlisted", consultant)
    services.transition(
        match, "not_suitable", consultant, reason="Behovet er dækket", reason_code="chose_another"
    )


@pytest.mark.parametrize("status", ["open", "filled", "closed"])
def test_one_rule_says_what_a_need_that_is_not_open_refuses(make_need, status):
    need = make_need(status=status)
    refused = {"suggested", "shortlisted", "contacted", "interested", "placed"}
    for target in refused | {"completed", "declined", "not_suitable", "withdrawn"}:
        assert services.allowed_on(need, target) == (status == "open" or target not in refused)


def test_placing_over_another_placement_warns_then_goes_through_when_confirmed(
    make_need, make_volunteer, make_match, consultant, db
):
    volunteer = make_volunteer()
    first = make_need(
        title="Valgobservatør", period_from=date(2027, 1, 1), period_to=date(2027, 4, 30)
    )
    second = make_need(period_from=date(2027, 3, 1), period_to=date(2027, 6, 30))
    later = make_need(period_from=date(2027, 9, 1), period_to=date(2027, 10, 1))
    make_match(first, volunteer, state="placed")
    match = make_match(second, volunteer, state="interested")
    fine = make_match(later, volunteer, state="interested")
    with pytest.raises(services.ConfirmationNeeded) as warning:
        services.transition(match, "placed", consultant)
    assert warning.value.kind == "overlap"
    [(_other, other_need, _title)] = warning.value.details
    assert other_need.title == "Valgobservatør"
    assert match.state == "interested"
    services.transition(match, "placed", consultant, confirm_overlap=True)
    services.transition(fine, "placed", consultant)  # no overlap, no warning
    db.session.commit()
    assert db.session.get(Match, match.id).state == "placed"


def test_shortlisting_an_excluded_match_is_a_recorded_override(
    make_need, make_volunteer, make_match, consultant, db
):
    need = make_need()
    match = make_match(need, make_volunteer(), excluded=True)
    with pytest.raises(services.ConfirmationNeeded) as warning:
        services.transition(match, "shortlisted", consultant)
    assert warning.value.kind == "override"
    assert any("engelsk" in reason for reason in warning.value.details)
    assert not match.override
    step = services.transition(
        match, "shortlisted", consultant, note="Taler fransk", confirm_override=True
    )
    db.session.commit()
    fresh = db.session.get(Match, match.id)
    assert fresh.override and fresh.state == "shortlisted"
    assert "Tilsidesat" in step.note and "Taler fransk" in step.note and "engelsk" in step.note


def test_a_volunteer_user_can_be_recorded_as_nobody(setup, make_user, db):
    _need, _volunteer, match = setup
    step = services.transition(match, "shortlisted", None)
    assert step.user_id is None
    assert make_user(Role.ADMIN).is_staff
