"""The outbox when sending goes wrong in ways the mail server does not report: a message the
transport cannot even build, and a long sweep whose claims another sweep must not take back."""

from datetime import timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import select

from crm.database import utcnow
from crm.outbox import delivery
from crm.outbox.delivery import deliver, deliver_due, take_back_stale
from crm.outbox.models import OutboxMessage, OutboxStatus
from crm.outbox.writer import queue_mail
from tests.conftest import CollectMessages, free_port


def _queued(db, *addresses: str) -> list[int]:
    """Messages written and committed without a wake-up (the test sends them by hand)."""
    ids = [queue_mail(a, "Hej", "Tekst", kind="contact").id for a in addresses]
    db.session.info.clear()
    db.session.commit()
    return ids


def test_a_message_the_transport_chokes_on_is_retried_then_failed_and_the_rest_go_out(
    app, db, outbox, monkeypatch, caplog
):
    real_transmit = delivery.transmit

    def choke_on_the_first(message):
        if message["To"] == "forkert@example.org":
            raise ValueError("cannot encode forkert@example.org")
        real_transmit(message)

    monkeypatch.setattr(delivery, "transmit", choke_on_the_first)
    app.config["OUTBOX_MAX_ATTEMPTS"] = 2
    with app.test_request_context():
        bad, good = _queued(db, "forkert@example.org", "aase@example.org")
        sweep = deliver_due()
        assert (sweep.sent, sweep.retrying) == (1, 1)
        message = db.session.get(OutboxMessage, bad)
        assert (message.status, message.attempts) == (OutboxStatus.PENDING, 1)
        assert message.last_error == "ValueError"
        assert deliver_due(utcnow() + timedelta(minutes=5)).failed == 1
        db.session.expire_all()
        assert db.session.get(OutboxMessage, bad).status == OutboxStatus.FAILED
        assert db.session.get(OutboxMessage, good).status == OutboxStatus.SENT
    assert [m["To"] for m in outbox.messages()] == ["aase@example.org"]
    assert "forkert@example.org" not in caplog.text  # the error's text quotes the address


def test_a_message_claimed_late_in_a_long_sweep_is_not_taken_back_while_it_is_sent(
    app, db, outbox, monkeypatch
):
    real_transmit = delivery.transmit
    sends = []

    def another_sweep_runs_meanwhile(message):
        sends.append(message["Message-ID"])
        if len(sends) == 1:  # a second worker's sweep, in its own session, at the real time
            with app.app_context():
                take_back_stale(utcnow())
                deliver_due(utcnow())
        real_transmit(message)

    monkeypatch.setattr(delivery, "transmit", another_sweep_runs_meanwhile)
    with app.test_request_context():
        [message_id] = _queued(db, "aase@example.org")
        # The sweep that sends it started long ago: the messages before it took that long.
        sweep_began = utcnow() - timedelta(seconds=app.config["OUTBOX_CLAIM_TIMEOUT"] + 60)
        db.session.execute(OutboxMessage.__table__.update().values(next_attempt_at=sweep_began))
        db.session.commit()
        assert deliver(message_id, sweep_began) == OutboxStatus.SENT
        assert db.session.scalar(select(OutboxMessage.status)) == OutboxStatus.SENT
    assert len(sends) == 1
    assert len(outbox.messages()) == 1


class RudeAtQuit(CollectMessages):
    """A mail server that takes the message and then answers QUIT with an error."""

    async def handle_QUIT(self, server, session, envelope):
        return "421 closing anyway"


def test_a_message_the_server_took_is_sent_even_if_it_answers_quit_badly(app, db):
    handler = RudeAtQuit()
    server = Controller(handler, hostname="127.0.0.1", port=free_port())
    server.start()
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=server.port)
    try:
        with app.test_request_context():
            [message_id] = _queued(db, "aase@example.org")
            assert deliver(message_id) == OutboxStatus.SENT
            assert deliver_due(utcnow() + timedelta(hours=2)).sent == 0
    finally:
        server.stop()
        app.config["MAIL_BACKEND"] = "file"
    assert len(handler.messages) == 1
