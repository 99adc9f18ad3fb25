"""Notifications still waiting in the outbox (the mail server was down) do not go out once the
volunteer has withdrawn consent or unsubscribed from their kind."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from crm.database import utcnow
from crm.extensions import db as _db
from crm.notifications import sending
from crm.notifications.tokens import MailKind, make_unsubscribe_token
from crm.outbox.delivery import deliver_due
from crm.outbox.models import OutboxMessage
from crm.outbox.writer import queue_mail


@pytest.fixture()
def smtp_down(app):
    app.config.update(MAIL_BACKEND="smtp", MAIL_SERVER="127.0.0.1", MAIL_PORT=9)
    yield
    app.config["MAIL_BACKEND"] = "file"


def _waiting(app, volunteer, *kinds: MailKind) -> None:
    """A notification of each kind to the volunteer, tried once while the server was down."""
    with app.test_request_context():
        for kind in kinds:
            sending.send(volunteer, kind, f"test-{kind}", lambda: ("Hej", "Tekst"))
        _db.session.commit()


def _after_the_server_is_back(app, outbox) -> list[str]:
    app.config["MAIL_BACKEND"] = "file"
    with app.test_request_context():
        deliver_due(utcnow() + timedelta(hours=2))
    return [m["Subject"] for m in outbox.messages()]


def test_withdrawn_consent_stops_the_notifications_still_waiting(
    app, client, auth, make_fitting_volunteer, smtp_down, outbox
):
    mette = make_fitting_volunteer("Mette")
    _waiting(app, mette, MailKind.STATUS, MailKind.NEEDS)
    with app.test_request_context():
        queue_mail(mette.email, "Nulstil", "Link", kind="password-reset")  # her account's
        _db.session.commit()
    auth.login(mette.email)
    assert client.post("/me/consent/withdraw").status_code == 302
    assert _after_the_server_is_back(app, outbox) == ["Nulstil"]


def test_an_unsubscribe_stops_the_waiting_e_mails_of_its_kind_only(
    app, client, make_fitting_volunteer, smtp_down, outbox
):
    mette = make_fitting_volunteer("Mette")
    _waiting(app, mette, MailKind.STATUS, MailKind.NEEDS)
    with app.test_request_context():
        link = f"/unsubscribe/{make_unsubscribe_token(mette, MailKind.NEEDS)}"
    assert client.post(link).status_code == 200
    kinds = _db.session.scalars(select(OutboxMessage.kind)).all()
    assert kinds == ["test-status"]


def test_turning_a_kind_off_on_the_profile_stops_its_waiting_e_mails(
    app, client, auth, make_fitting_volunteer, smtp_down
):
    mette = make_fitting_volunteer("Mette")
    _waiting(app, mette, MailKind.STATUS, MailKind.NEEDS)
    auth.login(mette.email)
    response = client.post("/me/email-choices", data={"needs_email": "weekly"})
    assert response.status_code == 302  # own tasks off, new tasks still weekly
    assert _db.session.scalars(select(OutboxMessage.kind)).all() == ["test-needs"]
