"""The profile's e-mail choices: new tasks at once, weekly or never, and own-task e-mails."""

import re

from crm.extensions import db as _db
from crm.models import Volunteer


def checked(html: str) -> set[tuple[str, str]]:
    """(name, value) of every ticked box and chosen radio button on the page."""
    tags = re.findall(r"<input [^>]*>", html)
    found = [
        (re.search(r'name="([^"]*)"', t), re.search(r'value="([^"]*)"', t))
        for t in tags
        if re.search(r"\bchecked\b", t)
    ]
    return {(n.group(1), v.group(1)) for n, v in found if n and v}


def test_a_volunteer_chooses_how_to_hear_about_new_tasks(client, auth, make_volunteer):
    mette = make_volunteer(email="mette@example.org")
    auth.login(mette.email)
    html = client.get("/me/").get_data(as_text=True)
    assert "E-mails fra os" in html
    assert checked(html) == {("needs_email", "weekly"), ("status_emails", "y")}
    response = client.post("/me/email-choices", data={"needs_email": "at_once"})
    assert response.status_code == 302
    _db.session.expire_all()
    fresh = _db.session.get(Volunteer, mette.id)
    assert (fresh.needs_email, fresh.status_emails) == ("at_once", False)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Dine valg for e-mails er gemt." in page
    assert checked(page) == {("needs_email", "at_once")}


def test_an_unknown_choice_is_refused_and_changes_nothing(client, auth, make_volunteer):
    mette = make_volunteer(email="mette@example.org")
    auth.login(mette.email)
    response = client.post("/me/email-choices", data={"needs_email": "hourly"})
    assert response.status_code == 422
    assert "Vælg en af mulighederne." in response.get_data(as_text=True)
    _db.session.expire_all()
    assert _db.session.get(Volunteer, mette.id).needs_email == "weekly"


def test_the_choices_and_the_needs_e_mailed_are_in_the_volunteers_own_data(
    app, client, auth, make_volunteer, make_need, outbox
):
    from crm.database import utcnow
    from crm.models import NeedOpening
    from crm.notifications import digest
    from tests.consultant.factories import add_match

    mette = make_volunteer(email="mette@example.org", status_emails=False)
    need = make_need(title="Træner i lokaldemokrati")
    _db.session.add(NeedOpening(need_id=need.id, opened_at=utcnow()))
    add_match(need, mette, score=80)
    with app.test_request_context():
        digest.send_weekly()
        _db.session.commit()
    auth.login(mette.email)
    data = client.get("/me/export.json").get_json()
    assert data["email_choices"] == {"new_tasks": "weekly", "own_tasks": False}
    assert [t["need"] for t in data["new_tasks_emailed_to_you"]] == ["Træner i lokaldemokrati"]
    page = client.get("/me/data").get_data(as_text=True)
    assert "Nye opgaver, vi har skrevet til dig om" in page and "En gang om ugen" in page
