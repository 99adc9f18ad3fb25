"""The audit log records who did what to whose record, never the data itself, and never changes."""

from datetime import timedelta

import pytest
from sqlalchemy import select, text

from crm.audit.log import Action, prune_events, record
from crm.audit.models import AuditEvent, AuditLogIsAppendOnly
from crm.auth.models import Role
from crm.database import utcnow
from tests.conftest import PASSWORD


def events(db, action: Action | None = None) -> list[AuditEvent]:
    db.session.expire_all()
    query = select(AuditEvent).order_by(AuditEvent.id)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query))


@pytest.fixture()
def consultant(make_user, auth):
    user = make_user(Role.CONSULTANT, email="k@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user


def test_logins_and_failed_logins_are_logged_without_the_address(client, db, make_user):
    user = make_user(email="mette@example.org")
    client.post("/login", data={"email": "mette@example.org", "password": "wrong"})
    client.post("/login", data={"email": "nobody@example.org", "password": "wrong"})
    client.post("/login", data={"email": "mette@example.org", "password": PASSWORD})
    client.post("/logout")
    got = [(e.action, e.user_id, e.details.get("reason")) for e in events(db)]
    assert got == [
        ("login_failed", user.id, "password"),
        ("login_failed", None, "unknown"),
        ("login", user.id, None),
        ("logout", user.id, "logout"),
    ]
    assert "example.org" not in repr([e.details for e in events(db)])


def test_opening_a_record_is_logged_with_who_opened_it(client, db, consultant, make_volunteer):
    volunteer = make_volunteer(first_name="Mette")
    assert client.get(f"/consultant/volunteers/{volunteer.id}").status_code == 200
    (viewed,) = events(db, Action.RECORD_VIEWED)
    assert (viewed.actor_id, viewed.actor_role, viewed.volunteer_id) == (
        consultant.id,
        "consultant",
        volunteer.id,
    )


def test_an_export_is_logged_with_its_filters_and_row_count_but_not_the_search_text(
    client, db, consultant, make_volunteer
):
    for name in ("Mette", "Mads", "Ole"):
        make_volunteer(first_name=name, last_name="Hansen", city="Aarhus")
    response = client.get("/consultant/volunteers.csv?q=Hansen&travel=&consent=")
    assert response.status_code == 200
    (export,) = events(db, Action.EXPORT)
    assert export.details == {"export": "volunteers", "rows": 3, "filter_q": True}
    assert "Hansen" not in repr(export.details)


def test_a_pipeline_move_and_a_logged_contact_are_logged_as_changes(
    client, db, consultant, make_volunteer, make_need
):
    from crm.contacts.services import log_contact
    from crm.matches.services import transition
    from tests.consultant.factories import add_match

    volunteer = make_volunteer()
    match = add_match(make_need(), volunteer)
    transition(match, "shortlisted", consultant)
    log_contact(volunteer.id, consultant.id, "phone", "Talte om Kenya")
    db.session.commit()
    changes = [(e.volunteer_id, e.details["change"]) for e in events(db, Action.RECORD_CHANGED)]
    assert changes == [(volunteer.id, "pipeline"), (volunteer.id, "contact")]
    assert "Kenya" not in repr([e.details for e in events(db)])


def test_personal_data_in_the_details_is_refused(app, db):
    with app.test_request_context(), pytest.raises(ValueError):
        record(Action.EXPORT, note="mette@example.org")
    with app.test_request_context(), pytest.raises(ValueError):
        record(Action.EXPORT, note="x" * 200)


def test_an_event_cannot_be_changed_or_deleted(app, db):
    with app.test_request_context():
        record(Action.BACKUP)
        db.session.commit()
    event = db.session.scalar(select(AuditEvent))
    event.action = "login"
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()
    db.session.delete(db.session.scalar(select(AuditEvent)))
    with pytest.raises(AuditLogIsAppendOnly):
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_an_update_that_goes_around_the_orm(app, db):
    with app.test_request_context():
        record(Action.BACKUP)
        db.session.commit()
    with pytest.raises(Exception, match="append-only"):
        db.session.execute(text("UPDATE audit_event SET action = 'login'"))
        db.session.flush()
    db.session.rollback()
    assert db.session.scalar(select(AuditEvent.action)) == "backup"


def test_pruning_deletes_only_events_past_the_cutoff(app, db):
    with app.test_request_context():
        old = record(Action.BACKUP)
        old.at = utcnow() - timedelta(days=400)
        record(Action.RESTORE)
        db.session.commit()
    assert prune_events(utcnow() - timedelta(days=365)) == 1
    db.session.commit()
    assert [e.action for e in events(db)] == ["restore"]
