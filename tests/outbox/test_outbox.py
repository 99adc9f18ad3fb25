"""The outbox: e-mail written with the action, sent once by the worker, never lost, never sent
for an action that rolled back; failures retried with backoff and shown to staff."""

from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select, update

from crm.auth.models import Role
from crm.contacts.models import Channel
from crm.contacts.services import log_contact
from crm.database import utcnow
from crm.jobs import tasks
from crm.outbox.delivery import claim, deliver, deliver_due
from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.outbox.writer import queue_mail
from tests.conftest import CollectMessages, free_port


def count(db, model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture()
def smtp_down(app):
    """SMTP pointed at a port nothing listens on; yields the port, so a server can start there."""
    port = free_port()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=port)
    yield port
    app.config["MAIL_BACKEND"] = "file"


def test_an_e_mail_asked_for_in_a_rolled_back_transaction_is_never_sent(app, db, outbox):
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        db.session.rollback()
        assert count(db, OutboxMessage) == 0
        assert deliver_due().sent == 0
    assert outbox.messages() == []


def test_an_e_mail_is_sent_when_its_transaction_commits_and_not_before(app, db, outbox):
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej Åse", "Tekst", kind="contact")
        assert outbox.messages() == []
        db.session.commit()
    [message] = outbox.messages()
    assert message["To"] == "aase@example.org" and message["Subject"] == "Hej Åse"
    assert db.session.scalar(select(OutboxMessage.status)) == OutboxStatus.SENT


def test_one_asked_for_while_smtp_is_down_goes_out_once_when_it_is_back(app, db, smtp_down):
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        db.session.commit()  # the worker tries at once, and the server is down
        message = db.session.scalar(select(OutboxMessage))
        assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
        assert message.last_error == "ConnectionRefusedError"
        handler = CollectMessages()
        server = Controller(handler, hostname="127.0.0.1", port=smtp_down)
        server.start()
        try:
            now = utcnow()
            assert deliver_due(now).sent == 0  # not due yet: it waits out the backoff
            assert deliver_due(now + timedelta(minutes=2)).sent == 1
            assert deliver_due(now + timedelta(hours=3)).sent == 0
        finally:
            server.stop()
        db.session.expire_all()
        assert db.session.get(OutboxMessage, message.id).status == OutboxStatus.SENT
    assert len(handler.messages) == 1
    assert handler.messages[0]["Message-ID"] == message.message_id


def test_the_wait_doubles_after_each_failure_up_to_an_hour(app, db, smtp_down):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 20
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        db.session.commit()
        waits = []
        now = utcnow()
        for _ in range(8):
            message = db.session.scalar(select(OutboxMessage))
            waits.append(round((message.next_attempt_at - now).total_seconds() / 60))
            now = message.next_attempt_at
            deliver_due(now)
            db.session.expire_all()
    app.config["OUTBOX_MAX_ATTEMPTS"] = 8
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]


def test_a_message_is_claimed_by_one_sender_only(app, db):
    with app.test_request_context():
        message = queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        message.status = OutboxStatus.PENDING
        db.session.info.clear()  # no wake-up: this test claims by hand
        db.session.commit()
        now = utcnow()
        assert claim(message.id, now) is True
        assert claim(message.id, now) is False
        assert deliver(message.id, now) is None  # taken: not this caller's to send


def test_a_lost_wake_up_is_sent_by_the_sweep(app, db, outbox, monkeypatch):
    def queue_down(*args, **kwargs):
        raise ConnectionError("queue unreachable")

    monkeypatch.setattr(tasks, "deliver_messages", queue_down)
    with app.test_request_context():
        queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        db.session.commit()
        assert outbox.messages() == []
        assert deliver_due().sent == 1
    assert len(outbox.messages()) == 1


def test_a_message_left_sending_by_a_dead_worker_is_tried_again(app, db, outbox):
    with app.test_request_context():
        message = queue_mail("aase@example.org", "Hej", "Tekst", kind="contact")
        db.session.info.clear()
        message.status = OutboxStatus.SENDING
        message.claimed_at = utcnow() - timedelta(minutes=20)
        db.session.commit()
        sweep = deliver_due()
    assert (sweep.taken_back, sweep.sent) == (1, 1)
    assert len(outbox.messages()) == 1


def test_after_the_last_try_staff_see_it_failed_and_can_send_it_again(
    app, db, client, auth, make_user, make_volunteer, smtp_down, outbox
):
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    volunteer = make_volunteer(first_name="Åse", last_name="Hansen")
    consultant = make_user(Role.CONSULTANT, name="Karen Konsulent")
    auth.login(consultant.email)
    response = client.post(
        f"/consultant/volunteers/{volunteer.id}/email",
        data={"subject": "Om mødet", "body": "Kære {first_name}"},
    )
    assert response.status_code == 302
    with app.test_request_context():
        deliver_due(utcnow() + timedelta(minutes=5))
    app.config["OUTBOX_MAX_ATTEMPTS"] = 8
    message = db.session.scalar(select(OutboxMessage))
    assert (message.status, message.attempts) == (OutboxStatus.FAILED, 2)

    dashboard = client.get("/consultant/").get_data(as_text=True)
    assert "e-mail ikke sendt endnu" in dashboard
    page = client.get("/consultant/outbox").get_data(as_text=True)
    assert "Om mødet" in page and "Kunne ikke sendes" in page and "efter 2 forsøg" in page
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert "Kunne ikke sendes" in record and "Send igen" in record

    app.config["MAIL_BACKEND"] = "file"  # the mail server is back
    response = client.post(f"/consultant/outbox/{message.id}/retry", follow_redirects=True)
    assert "E-mailen er tilbage i køen" in response.get_data(as_text=True)
    assert [m["Subject"] for m in outbox.messages()] == ["Om mødet"]
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert "Kunne ikke sendes" not in record and "Sendt" in record
    # A second retry of a message that went out sends nothing.
    client.post(f"/consultant/outbox/{message.id}/retry")
    assert len(outbox.messages()) == 1


def test_the_contact_log_entry_says_the_e_mail_waits_while_smtp_is_down(
    app, db, client, auth, make_user, make_volunteer, smtp_down
):
    volunteer = make_volunteer()
    consultant = make_user(Role.CONSULTANT)
    auth.login(consultant.email)
    client.post(
        f"/consultant/volunteers/{volunteer.id}/email",
        data={"subject": "Om mødet", "body": "Tekst"},
    )
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert "Venter på at blive sendt" in record and "forsøgt 1 gang;" in record


def test_erasure_removes_every_e_mail_to_the_person(app, db, make_volunteer, make_user):
    from crm.rights.erasure import erase
    from crm.volunteers.models import Volunteer

    volunteer = make_volunteer(email="slet@example.org")
    other = make_volunteer(email="bliv@example.org")
    consultant = make_user(Role.CONSULTANT)
    with app.test_request_context():
        entry = log_contact(volunteer.id, consultant.id, Channel.EMAIL, "Hej\n\nTekst")
        queue_mail(volunteer.email, "Hej", "Tekst", kind="contact", contact_id=entry.id)
        queue_mail(volunteer.email, "Bekræft", "Link", kind="confirmation")
        queue_mail(other.email, "Hej", "Tekst", kind="contact")
        db.session.commit()
        erase(db.session.get(Volunteer, volunteer.id))
        db.session.commit()
        left = db.session.scalars(select(OutboxMessage.to_address)).all()
    assert left == ["bliv@example.org"]


def test_retention_deletes_old_sent_e_mails_and_keeps_waiting_ones(app, db):
    from crm.rights.retention import run

    with app.test_request_context():
        old_sent = queue_mail("a@example.org", "Gammel", "x", kind="contact")
        waiting = queue_mail("b@example.org", "Venter", "x", kind="contact")
        db.session.info.clear()
        db.session.commit()
        long_ago = utcnow() - timedelta(days=40)
        db.session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == old_sent.id)
            .values(status=OutboxStatus.SENT, created_at=long_ago)
        )
        db.session.execute(
            update(OutboxMessage).where(OutboxMessage.id == waiting.id).values(created_at=long_ago)
        )
        db.session.commit()
        assert run(utcnow(), dry_run=True).outbox_messages == 1
        assert count(db, OutboxMessage) == 2
        assert run(utcnow()).outbox_messages == 1
        db.session.commit()
        assert db.session.scalars(select(OutboxMessage.subject)).all() == ["Venter"]


def test_staff_read_in_danish_why_an_e_mail_from_a_restored_backup_waits_for_them(
    app, db, client, auth, make_user
):
    from crm.outbox.models import RESTORED_ERROR

    with app.test_request_context():
        message = queue_mail("aase@example.org", "Om mødet", "Tekst", kind="contact")
        db.session.info.clear()
        message.status, message.last_error = OutboxStatus.FAILED, RESTORED_ERROR
        db.session.commit()
    auth.login(make_user(Role.CONSULTANT).email)
    page = client.get("/consultant/outbox").get_data(as_text=True)
    assert "genskabt fra en sikkerhedskopi" in page and RESTORED_ERROR not in page
