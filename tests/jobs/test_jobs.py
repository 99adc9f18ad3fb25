"""The scheduled jobs, run as the worker runs them: the morning digest, retention with its
report, the nightly rematch."""

from datetime import timedelta

from sqlalchemy import delete, select, update

from crm.auth.models import Role
from crm.contacts.services import local_today
from crm.database import utcnow
from crm.jobs import tasks
from crm.matches.models import Match
from crm.volunteers.models import Volunteer
from tests.consultant.factories import add_follow_up


def test_the_morning_digest_counts_follow_ups_without_names_or_notes(
    app, db, make_user, make_volunteer, outbox
):
    karen = make_user(Role.CONSULTANT, email="karen@example.org", locale="en")
    idle = make_user(Role.CONSULTANT, email="idle@example.org")
    volunteer = make_volunteer(first_name="Hemmelig", last_name="Person")
    with app.app_context():
        today = local_today()
        add_follow_up(karen, today, volunteer, note="ring om Nepal-notatet")
        add_follow_up(karen, today, volunteer)
        add_follow_up(karen, today - timedelta(days=3), volunteer)
        add_follow_up(karen, today + timedelta(days=1), volunteer)
        add_follow_up(karen, today - timedelta(days=1), volunteer, done=True)
        add_follow_up(idle, today + timedelta(days=5), volunteer)
        db.session.commit()
    tasks.follow_up_digest.call_local()
    [digest] = outbox.messages()
    body = digest.get_body(("plain",)).get_content()
    assert digest["To"] == "karen@example.org"
    assert digest["Subject"] == "2 follow-ups due today"
    assert "2 follow-ups are due today." in body and "1 follow-up is overdue." in body
    assert "http://localhost/contacts/follow-ups" in body
    assert "Hemmelig" not in body and "Nepal" not in body


def test_retention_is_a_dry_run_reported_to_the_admins_unless_enabled(
    app, db, make_user, make_volunteer, outbox
):
    make_user(Role.ADMIN, email="admin@example.org")
    make_user(Role.CONSULTANT, email="karen@example.org")
    volunteer = make_volunteer(first_name="Gammel")
    long_ago = utcnow() - timedelta(days=4 * 365)
    with app.app_context():
        db.session.execute(
            update(Volunteer).where(Volunteer.id == volunteer.id).values(updated_at=long_ago)
        )
        db.session.commit()
    tasks.nightly_retention.call_local()
    [report] = outbox.messages()
    body = report.get_body(("plain",)).get_content()
    assert report["To"] == "admin@example.org" and "prøvekørsel" in report["Subject"]
    assert f"#{volunteer.id}" in body and "Gammel" not in body
    with app.app_context():
        assert db.session.get(Volunteer, volunteer.id).retention_reminded_at is None

    app.config["RETENTION_ENABLED"] = True
    try:
        tasks.nightly_retention.call_local()
    finally:
        app.config["RETENTION_ENABLED"] = False
    subjects = [m["Subject"] for m in outbox.messages()]
    assert "Opbevaring: hvad nattens kørsel gjorde" in subjects
    assert "Vil du beholde din frivilligprofil?" in subjects and len(subjects) == 3
    with app.app_context():
        assert db.session.get(Volunteer, volunteer.id).retention_reminded_at is not None


def test_the_nightly_rematch_stores_matches_for_open_needs(app, db, make_volunteer, make_need):
    need = make_need()
    make_volunteer()
    with app.app_context():
        db.session.execute(delete(Match))
        db.session.commit()
    tasks.nightly_rematch.call_local()
    with app.app_context():
        assert db.session.scalars(select(Match).where(Match.need_id == need.id)).all()
