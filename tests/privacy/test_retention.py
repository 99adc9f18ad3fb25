"""Retention on a clock the test controls: remind, wait for the notice period, then erase."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from crm.audit.models import AuditEvent
from crm.auth.models import User
from crm.auth.sessions import LoginSession
from crm.extensions import db as _db
from crm.models import Volunteer
from crm.rights import retention

LONG_AGO = datetime(2023, 1, 2, 12, tzinfo=UTC)
NOW = datetime(2027, 1, 10, 12, tzinfo=UTC)  # four years later: past RETENTION_INACTIVE_DAYS


@pytest.fixture()
def sleepers(db, make_volunteer):
    """An inactive Danish and an inactive English volunteer, and one active last month."""
    made = {}
    for name, locale, active in (
        ("dansk", "da", LONG_AGO),
        ("english", "en", LONG_AGO),
        ("active", "da", NOW - timedelta(days=30)),
    ):
        volunteer = make_volunteer(email=f"{name}@example.org", first_name=name.title())
        user = db.session.get(User, volunteer.user_id)
        user.locale, user.last_login_at = locale, active
        volunteer.updated_at = active
        made[name] = volunteer
    db.session.commit()
    return made


def _run(now, dry_run=False):
    with _db.session.no_autoflush:
        plan = retention.run(now, dry_run=dry_run)
    _db.session.commit()
    _db.session.expire_all()
    return plan


def _ids(rows):
    return sorted(due.volunteer_id for due in rows)


def test_inactive_volunteers_are_reminded_in_their_language(app, db, sleepers, outbox):
    with app.test_request_context():
        plan = _run(NOW)
    assert _ids(plan.remind) == _ids([_due(sleepers["dansk"]), _due(sleepers["english"])])
    messages = {m["To"]: m for m in outbox.messages()}
    assert set(messages) == {"dansk@example.org", "english@example.org"}
    assert "Log ind inden for 30 dage" in messages["dansk@example.org"].get_body().get_content()
    assert "Log in within 30 days" in messages["english@example.org"].get_body().get_content()
    reminded = db.session.get(Volunteer, sleepers["dansk"].id)
    assert reminded.retention_reminded_at == NOW
    assert reminded.updated_at == LONG_AGO  # the reminder is no activity
    assert db.session.get(Volunteer, sleepers["active"].id).retention_reminded_at is None
    with app.test_request_context():  # a second run the next day sends nothing again
        assert _run(NOW + timedelta(days=1)).remind == []
    assert len(outbox.messages()) == 2


def _due(volunteer):
    return retention.Due(volunteer.id, LONG_AGO, None)


def test_ignored_reminders_lead_to_erasure_after_the_notice(app, db, sleepers, outbox):
    with app.test_request_context():
        _run(NOW)
        early = _run(NOW + timedelta(days=29))
        assert early.erase == []
        plan = _run(NOW + timedelta(days=31))
    assert _ids(plan.erase) == sorted([sleepers["dansk"].id, sleepers["english"].id])
    erased = db.session.get(Volunteer, sleepers["dansk"].id)
    assert erased.erased_at is not None and erased.first_name == "" and erased.user_id is None
    assert db.session.get(Volunteer, sleepers["active"].id).erased_at is None
    events = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action.in_(["retention_reminder", "erased"]))
    ).all()
    assert {(e.action, e.actor_id) for e in events} == {
        ("retention_reminder", None),
        ("erased", None),
    }


def test_an_imported_person_who_never_claimed_gets_a_new_claim_link_then_is_erased(
    app, db, sleepers, outbox
):
    """They have no login to keep the profile with: the reminder is an invitation to claim it,
    which is no activity of theirs, so ignoring it leads to erasure after the notice."""
    imported = Volunteer(
        email="importeret@example.org", first_name="Ida", imported_at=LONG_AGO, updated_at=LONG_AGO
    )
    db.session.add(imported)
    db.session.commit()
    with app.test_request_context():
        _run(NOW)
    sent = {m["To"]: m.get_body().get_content() for m in outbox.messages()}
    assert "/claim/" in sent["importeret@example.org"]
    assert "Log ind inden for" not in sent["importeret@example.org"]
    again = db.session.get(Volunteer, imported.id)
    assert again.claim_invited_at is not None and again.updated_at == LONG_AGO
    with app.test_request_context():
        plan = _run(NOW + timedelta(days=31))
    assert imported.id in _ids(plan.erase)
    assert db.session.get(Volunteer, imported.id).erased_at is not None


def test_a_login_after_the_reminder_saves_the_profile(app, client, auth, db, sleepers, outbox):
    with app.test_request_context():
        _run(NOW)
    auth.login("dansk@example.org")  # logs in for real: last_login_at is now
    user = db.session.get(User, sleepers["dansk"].user_id)
    user.last_login_at = NOW + timedelta(days=3)  # on our clock
    db.session.commit()
    with app.test_request_context():
        plan = _run(NOW + timedelta(days=31))
    assert _ids(plan.saved) == [sleepers["dansk"].id]
    assert _ids(plan.erase) == [sleepers["english"].id]
    kept = db.session.get(Volunteer, sleepers["dansk"].id)
    assert kept.erased_at is None and kept.retention_reminded_at is None  # the clock restarts


def test_the_dry_run_lists_and_changes_nothing(app, db, runner, sleepers, outbox):
    old = datetime(2020, 1, 1, tzinfo=UTC)
    db.session.add(AuditEvent(at=old, action="login", details={}))
    db.session.add(
        LoginSession(
            user_id=sleepers["active"].user_id,
            token_hash="x" * 64,
            created_at=old,
            last_seen_at=old,
        )
    )
    db.session.commit()
    with app.test_request_context():
        plan = _run(NOW, dry_run=True)
    assert len(plan.remind) == 2 and plan.audit_events == 1 and plan.sessions == 1
    assert outbox.messages() == []
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 1
    assert db.session.scalar(select(func.count(LoginSession.id))) == 1
    assert all(v.retention_reminded_at is None for v in db.session.scalars(select(Volunteer)))
    with app.test_request_context():
        plan = _run(NOW)
    assert plan.audit_events == 1 and plan.sessions == 1
    assert db.session.scalar(select(func.count(AuditEvent.id))) == 2  # the reminders' events


def test_the_command_prints_ids_and_dates_only(runner, sleepers, outbox):
    result = runner.invoke(args=["retention", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "would remind: 2" in result.output
    assert f"volunteer {sleepers['dansk'].id}  last active 2023-01-02" in result.output
    for name in ("Dansk", "English", "@"):
        assert name not in result.output
    assert outbox.messages() == []
