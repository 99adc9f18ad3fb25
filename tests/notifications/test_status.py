"""E-mails about a volunteer's own tasks: request received, shortlisted, placed, need closed.

Each is one e-mail in the volunteer's language with the List-Unsubscribe headers, written in the
transaction of the act (a rolled-back act sends nothing), and never carries anything the
consultant typed."""

from datetime import UTC, datetime

from sqlalchemy import select

from crm.consultant import services as consultant_services
from crm.database import utcnow
from crm.extensions import db as _db
from crm.matches import services as pipeline
from crm.models import Match, Project
from crm.notifications import status
from crm.outbox.labels import kind_label
from crm.outbox.models import OutboxMessage
from tests.consultant.factories import add_match
from tests.projects.conftest import PROJECT_FORM, need_form

from .conftest import MARKER, assert_unsubscribe_headers, body, to


def _fresh(match) -> Match:
    _db.session.expire_all()
    return _db.session.get(Match, match.id)


def _move(client, match, to_state, **data):
    """The consultant moves one match through its form (with a note and reason typed)."""
    match = _fresh(match)
    url = f"/consultant/needs/{match.need_id}/matches/{match.id}"
    data = {"to_state": to_state, "version": match.version, "note": MARKER, **data}
    response = client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def test_asking_to_take_part_sends_one_receipt_in_danish(
    client, auth, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette")
    need = make_need(title="Træner i lokaldemokrati")
    auth.login(mette.email)
    assert client.post(f"/me/needs/{need.id}/ask").status_code == 302
    assert client.post(f"/me/needs/{need.id}/ask").status_code == 302  # a second click
    [mail] = to(outbox, mette)
    assert mail["Subject"] == "Vi har modtaget din anmodning: “Træner i lokaldemokrati”"
    assert "Hej Mette" in body(mail) and "Lokaldemokrati i Kenya" in body(mail)
    assert "http://localhost/me/needs/" in body(mail)
    assert mail["Reply-To"] == "international@example.org"
    assert_unsubscribe_headers(mail)


def test_the_receipt_is_in_english_for_an_english_account(
    client, auth, make_fitting_volunteer, make_need, outbox
):
    john = make_fitting_volunteer("John", locale="en")
    need = make_need(title="Trainer in local democracy")
    auth.login(john.email)
    client.post(f"/me/needs/{need.id}/ask")
    [mail] = to(outbox, john)
    assert mail["Subject"] == "We have received your request: “Trainer in local democracy”"
    assert "Hello John" in body(mail) and "Stop e-mails about your own tasks" in body(mail)


def test_shortlisted_and_placed_each_send_one_email_and_other_moves_none(
    client, auth, consultant, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette")
    need = make_need(title="Træner i lokaldemokrati")
    match = add_match(need, mette)
    auth.login(consultant.email)
    _move(client, match, "shortlisted")
    _move(client, match, "contacted")
    _move(client, match, "shortlisted")  # a click undone: no news to the volunteer
    _move(client, match, "contacted")
    _move(client, match, "interested")
    _move(client, match, "placed")
    mails = to(outbox, mette)
    assert [m["Subject"] for m in mails] == [
        "Du er på shortlisten til “Træner i lokaldemokrati”",
        "Du har fået opgaven “Træner i lokaldemokrati”",
    ]
    for mail in mails:
        assert_unsubscribe_headers(mail)
        assert MARKER not in mail.as_string()
    kinds = _db.session.scalars(select(OutboxMessage.kind).order_by(OutboxMessage.id))
    assert [kind_label(k) for k in kinds] == ["Shortlistet", "Placeret"]  # the staff's list


def test_the_one_click_step_and_a_bulk_shortlist_tell_each_volunteer_once(
    client, auth, consultant, make_fitting_volunteer, make_need, outbox
):
    need = make_need()
    anna, bo, cy = (make_fitting_volunteer(n) for n in ("Anna", "Bo", "Cy"))
    a, b, c = (add_match(need, v) for v in (anna, bo, cy))
    auth.login(consultant.email)
    response = client.post(
        f"/consultant/needs/{need.id}/matches/bulk",
        data={
            "match": [f"{a.id}:{a.version}", f"{b.id}:{b.version}"],
            "to_state": "shortlisted",
            "note": MARKER,
        },
    )
    assert response.status_code == 302
    url = f"/consultant/needs/{need.id}/matches/{c.id}/next"
    one_click = client.post(url, data={"to_state": "shortlisted", "version": c.version})
    assert one_click.status_code == 302
    assert [len(to(outbox, v)) for v in (anna, bo, cy)] == [1, 1, 1]
    assert all(MARKER not in m.as_string() for m in outbox.messages())


def test_a_contact_logged_with_a_move_tells_the_volunteer_without_the_summary(
    app, consultant, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette", locale="en")
    match = add_match(make_need(), mette, state="interested")
    with app.test_request_context():
        consultant_services.record_contact(
            mette,
            consultant,
            "phone",
            "out",
            datetime(2027, 1, 5, 10, 0, tzinfo=UTC),
            summary=MARKER,
            outcome=MARKER,
            match_id=match.id,
            follow_up_date=None,
            move_to="placed",
            expected_version=match.version,
        )
        _db.session.commit()
    [mail] = to(outbox, mette)
    assert mail["Subject"].startswith("You are placed on")
    assert MARKER not in mail.as_string()


def test_a_rolled_back_move_sends_nothing(
    app, consultant, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette")
    match = add_match(make_need(), mette)
    with app.test_request_context():
        step = pipeline.transition(_fresh(match), "shortlisted", consultant, note=MARKER)
        assert status.moved([step]) == 1
        _db.session.rollback()
        _db.session.commit()
    assert outbox.messages() == []
    assert _fresh(match).state == "suggested"


def test_no_status_email_to_a_volunteer_who_turned_them_off(
    client, auth, consultant, make_fitting_volunteer, make_need, outbox
):
    mette = make_fitting_volunteer("Mette", status_emails=False)
    match = add_match(make_need(), mette)
    auth.login(consultant.email)
    _move(client, match, "shortlisted")
    assert outbox.messages() == []


def _filled(client, need):
    response = client.post(f"/projects/needs/{need.id}/edit", data=need_form(need, "filled"))
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]


def test_a_need_that_closes_tells_those_considered_or_who_asked(
    client, auth, consultant, make_fitting_volunteer, make_volunteer, make_need, outbox
):
    need = make_need(title="Træner i lokaldemokrati")
    shortlisted = make_fitting_volunteer("Sif")
    asked = make_fitting_volunteer("Ask")
    merely_suggested = make_fitting_volunteer("Sus")
    placed = make_fitting_volunteer("Pia")
    quiet = make_fitting_volunteer("Ib", status_emails=False)
    erased = make_volunteer(email="erased@example.org", erased_at=utcnow())
    add_match(need, shortlisted, state="shortlisted")
    add_match(need, asked, interested_at=utcnow())
    add_match(need, merely_suggested)
    add_match(need, placed, state="placed")
    add_match(need, quiet, state="contacted")
    add_match(need, erased, state="shortlisted")
    auth.login(consultant.email)
    _filled(client, need)
    delivered = sorted(m["To"] for m in outbox.messages())
    assert delivered == [asked.email, shortlisted.email]
    mail = to(outbox, shortlisted)[0]
    assert mail["Subject"] == "“Træner i lokaldemokrati” er ikke længere åben"
    assert "er blevet besat" in body(mail)
    assert_unsubscribe_headers(mail)
    assert MARKER not in mail.as_string()


def test_a_closed_project_tells_them_in_their_language(
    client, auth, consultant, make_fitting_volunteer, make_need, outbox
):
    need = make_need(title="Trainer")
    john = make_fitting_volunteer("John", locale="en")
    add_match(need, john, state="interested")
    project = _db.session.get(Project, need.project_id)
    auth.login(consultant.email)
    form = {**PROJECT_FORM, "title": project.title, "status": "closed"}
    form["version"] = str(project.version)
    response = client.post(f"/projects/{project.id}/edit", data=form)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    [mail] = to(outbox, john)
    assert mail["Subject"] == "“Trainer” is no longer open"
    assert f"The project “{project.title}” has ended" in body(mail)
    assert _db.session.scalar(select(Match.state)) == "withdrawn"


def test_a_project_made_active_opens_its_needs_to_at_once_volunteers(
    client, auth, consultant, make_fitting_volunteer, make_need, make_project, outbox
):
    project = make_project(status="planning")
    need = make_need(project=project, title="Træner")
    nu = make_fitting_volunteer("Nu", needs_email="at_once")
    auth.login(consultant.email)
    form = {**PROJECT_FORM, "title": project.title, "version": str(project.version)}
    response = client.post(f"/projects/{project.id}/edit", data=form)  # status: active
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    [mail] = to(outbox, nu)
    assert mail["Subject"] == "En ny opgave, der passer til dig: “Træner”"
    assert f"need={need.id}" in body(mail)
