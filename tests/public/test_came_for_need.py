"""The need a visitor volunteers for on the public page, remembered until "Needs for me"."""

import re

import pytest
from sqlalchemy import select

from crm.auth.models import User
from crm.models import Match, Volunteer, VolunteerLanguage, VolunteerSkill
from tests.conftest import PASSWORD

REGISTRATION = {
    "first_name": "Mette",
    "last_name": "Hansen",
    "email": "mette@example.org",
    "password": PASSWORD,
    "confirm": PASSWORD,
}


def link_in(body: str) -> str:
    return re.search(r"http://localhost(/\S+)", body).group(1)


@pytest.fixture()
def needs(make_project, make_need):
    """The need the visitor comes for (asks for English B2) and another (no language asked)."""
    project = make_project(title="Lokaldemokrati i Kenya")
    wanted = make_need(project=project, title="Træner i lokaldemokrati")
    other = make_need(project=project, title="Online mentor", languages=(), travel="remote")
    return wanted, other


@pytest.fixture()
def skilled(db, make_volunteer):
    """A consented volunteer with local democracy and English A2: "Online mentor" fits them,
    "Træner i lokaldemokrati" (English B2 required) excludes them, so it is never suggested."""
    volunteer = make_volunteer()
    volunteer.skills = [VolunteerSkill(area="local-democracy", level=3, source="declared")]
    volunteer.languages = [VolunteerLanguage(code="en", level="A2")]
    db.session.commit()
    return volunteer


def cards(html: str) -> list[str]:
    """The need ids of the cards on "Needs for me", in order."""
    return re.findall(r'<li id="need-(\d+)">', html)


def test_registration_confirmation_and_consent_lead_to_the_need_first(
    app, client, db, outbox, needs
):
    wanted, other = needs
    page = client.get(f"/p/{wanted.project_id}").get_data(as_text=True)
    register = f"/register?need={wanted.id}"
    assert f'href="{register}"' in page

    form = client.get(register).get_data(as_text=True)
    assert "Du melder dig til opgaven “Træner i lokaldemokrati”" in form
    assert client.post(register, data=REGISTRATION).status_code == 200
    confirm = link_in(outbox.last_body())
    assert f"need={wanted.id}" in confirm

    # The e-mail is opened in another browser: the link alone carries the need.
    phone = app.test_client()
    assert phone.get(confirm).status_code == 302
    response = phone.post("/login", data={"email": "mette@example.org", "password": PASSWORD})
    assert response.headers["Location"] == "/me/"
    user = db.session.scalar(select(User).where(User.email == "mette@example.org"))
    volunteer = db.session.scalar(select(Volunteer).where(Volunteer.user_id == user.id))
    response = phone.post(
        "/me/profile/consent", data={"version": volunteer.version, "consent": "y"}
    )
    assert response.headers["Location"] == f"/me/needs/?need={wanted.id}#need-{wanted.id}"

    html = phone.get(response.headers["Location"]).get_data(as_text=True)
    assert cards(html)[0] == str(wanted.id)
    first = html.split(f'<li id="need-{wanted.id}">')[1].split("</article>")[0]
    assert "Du kom hertil fra denne opgave" in first
    assert f'action="/me/needs/{wanted.id}/ask"' in first

    phone.post(f"/me/needs/{wanted.id}/ask")
    asked = db.session.scalars(  # the consent scored the other need too: only one was asked for
        select(Match).where(Match.volunteer_id == volunteer.id, Match.interested_at.is_not(None))
    ).all()
    assert [m.need_id for m in asked] == [wanted.id]


def test_the_same_browser_remembers_the_need_without_the_link(app, client, db, outbox, needs):
    wanted, other = needs
    client.post(f"/register?need={wanted.id}", data=REGISTRATION)
    confirm = link_in(outbox.last_body()).split("?")[0]  # the need left off the link
    client.get(confirm)
    client.post("/login", data={"email": "mette@example.org", "password": PASSWORD})
    html = client.get("/me/needs/").get_data(as_text=True)
    assert "Du kom hertil fra opgaven “Træner i lokaldemokrati”" in html  # before consent


def test_a_logged_in_volunteer_sees_the_need_first(client, auth, needs, skilled):
    wanted, other = needs
    auth.login(skilled.email)
    assert cards(client.get("/me/needs/").get_data(as_text=True)) == [str(other.id)]
    html = client.get(f"/me/needs/?need={wanted.id}").get_data(as_text=True)
    assert cards(html) == [str(wanted.id), str(other.id)]
    assert html.count("Du kom hertil fra denne opgave") == 1
    assert "Din profil opfylder endnu ikke alle krav til opgaven" in html  # the English level
    # Registering again while logged in leads to the card as well.
    response = client.get(f"/register?need={other.id}")
    assert response.headers["Location"] == f"/me/needs/?need={other.id}#need-{other.id}"


def test_a_need_that_closed_meanwhile_is_forgotten(client, db, auth, needs, skilled):
    wanted, other = needs
    auth.login(skilled.email)
    client.get(f"/me/needs/?need={wanted.id}")
    wanted.status = "closed"
    db.session.commit()
    html = client.get("/me/needs/").get_data(as_text=True)
    assert "Du kom hertil" not in html and cards(html) == [str(other.id)]


@pytest.mark.parametrize("value", ["abc", "0", "-1", "99999", "99999999999999", "1.5", ""])
def test_a_wrong_need_in_the_link_is_ignored(client, needs, value):
    response = client.get(f"/register?need={value}")
    assert response.status_code == 200
    assert "Du melder dig til opgaven" not in response.get_data(as_text=True)


def test_a_need_of_a_project_not_yet_public_is_not_remembered(client, make_project, make_need):
    hidden = make_need(project=make_project(status="planning"), title="Hemmelig opgave")
    html = client.get(f"/register?need={hidden.id}").get_data(as_text=True)
    assert "Hemmelig opgave" not in html
