"""The iCalendar feed at a secret per-consultant URL."""

from datetime import timedelta

from icalendar import Calendar
from sqlalchemy import select

from crm.auth.models import Role, User
from crm.contacts.services import local_today
from crm.extensions import db
from tests.consultant.factories import add_follow_up


def token_of(user_id: int) -> str:
    db.session.expire_all()
    return db.session.scalar(select(User.calendar_token).where(User.id == user_id))


def test_regenerate_and_read_the_feed(client, consultant, make_user, make_volunteer):
    assert token_of(consultant.id) is None
    client.post("/contacts/calendar/token")
    token = token_of(consultant.id)
    assert token and len(token) >= 40
    html = client.get("/contacts/follow-ups").get_data(as_text=True)
    assert f"/contacts/calendar/{token}.ics" in html

    mette = make_volunteer(first_name="Mette", last_name="Hansen", phone="12345678")
    due = local_today() + timedelta(days=1)
    add_follow_up(consultant, due, mette, note="Ring om Kenya")
    add_follow_up(consultant, due, mette, note="Klaret", done=True)
    add_follow_up(make_user(Role.CONSULTANT), due, mette, note="Kollegas")

    client.post("/logout")
    response = client.get(f"/contacts/calendar/{token}.ics")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    events = Calendar.from_ical(response.get_data()).walk("VEVENT")
    assert len(events) == 1
    event = events[0]
    assert str(event["summary"]) == f"Opfølgning: Mette (#{mette.id})"
    assert str(event["description"]) == "Ring om Kenya"
    assert event["dtstart"].dt == due and event["dtend"].dt == due + timedelta(days=1)
    body = response.get_data(as_text=True)
    assert "Hansen" not in body and mette.email not in body and "12345678" not in body

    # A new token: the old address stops working.
    from tests.conftest import AuthActions

    AuthActions(client).login(consultant.email)
    client.post("/contacts/calendar/token")
    assert token_of(consultant.id) != token
    assert client.get(f"/contacts/calendar/{token}.ics").status_code == 404


def test_feed_of_a_deactivated_consultant_is_404(client, consultant):
    client.post("/contacts/calendar/token")
    token = token_of(consultant.id)
    db.session.get(User, consultant.id).active = False
    db.session.commit()
    assert client.get(f"/contacts/calendar/{token}.ics").status_code == 404


def test_feed_in_english_for_an_english_consultant(client, consultant, make_volunteer):
    client.post("/contacts/calendar/token")
    token = token_of(consultant.id)
    db.session.get(User, consultant.id).locale = "en"
    db.session.commit()
    mette = make_volunteer(first_name="Mette")
    add_follow_up(consultant, local_today(), mette)
    body = client.get(f"/contacts/calendar/{token}.ics").get_data(as_text=True)
    assert f"Follow-up: Mette (#{mette.id})" in body
