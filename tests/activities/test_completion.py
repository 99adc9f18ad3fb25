"""Completing a placement asks for its report: a prompt on the volunteer's page and one e-mail
in their language (unless they stopped e-mails about their own tasks)."""

from crm.extensions import db as _db
from crm.models import Match, User
from tests.activities.factories import add_report


def _complete(client, match):
    _db.session.expire_all()
    match = _db.session.get(Match, match.id)
    url = f"/consultant/needs/{match.need_id}/matches/{match.id}/next"
    response = client.post(url, data={"to_state": "completed", "version": match.version})
    assert response.status_code == 302
    _db.session.expire_all()
    assert _db.session.get(Match, match.id).state == "completed"


def _mails_to(outbox, volunteer) -> list:
    return [m for m in outbox.messages() if m["To"] == volunteer.email]


def test_completing_sends_one_email_asking_for_the_report_and_the_debrief(
    client, auth, placed, consultant, outbox
):
    volunteer, placement = placed
    auth.login(consultant.email)
    _complete(client, placement)
    [mail] = _mails_to(outbox, volunteer)
    assert mail["Subject"] == "Fortæl os, hvad du lavede på “Træner i lokaldemokrati”"
    text = mail.get_body(("plain",)).get_content()
    assert "Hej Vera" in text and "rapportér dine aktiviteter" in text and "evaluering" in text
    assert "http://localhost/me/needs/" in text
    assert "List-Unsubscribe" in mail


def test_the_email_is_in_english_for_an_english_account(
    client, auth, db, placed, consultant, outbox
):
    volunteer, placement = placed
    db.session.get(User, volunteer.user_id).locale = "en"
    db.session.commit()
    auth.login(consultant.email)
    _complete(client, placement)
    [mail] = _mails_to(outbox, volunteer)
    assert mail["Subject"] == "Tell us what you did on “Træner i lokaldemokrati”"
    assert "report your activities" in mail.get_body(("plain",)).get_content()


def test_no_email_when_the_volunteer_stopped_status_emails(
    client, auth, db, placed, consultant, outbox
):
    volunteer, placement = placed
    volunteer.status_emails = False
    db.session.commit()
    auth.login(consultant.email)
    _complete(client, placement)
    assert _mails_to(outbox, volunteer) == []


def test_the_volunteers_page_asks_until_something_is_reported(client, auth, db, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    assert "Fortæl os, hvad du lavede" not in client.get("/me/needs/").get_data(as_text=True)
    placement.state = "completed"
    db.session.commit()
    for page in (
        client.get("/me/needs/").get_data(as_text=True),
        client.get(f"/me/activities/placements/{placement.id}").get_data(as_text=True),
    ):
        assert "Fortæl os, hvad du lavede" in page
    add_report(placement)
    page = client.get("/me/needs/").get_data(as_text=True)
    assert "Fortæl os, hvad du lavede" not in page
    assert "Venter på godkendelse" in page  # the report's status, listed under the placement
