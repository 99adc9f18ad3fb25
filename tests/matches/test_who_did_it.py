"""Every event says who did it: the volunteer's own request apart from the consultant's moves."""

import pytest
from sqlalchemy import select

from crm.matches import pool_cache, refresh
from crm.models import InterestSignal, Match


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.find("</section>", start)]


def timeline(html: str) -> str:
    return html[html.index('id="timeline"') :]


@pytest.fixture()
def mette(make_fitting_volunteer):
    return make_fitting_volunteer("Mette")


@pytest.fixture()
def need(db, make_need, mette):
    need = make_need(title="Byrådstræner")
    pool_cache.forget_pool()
    refresh.refresh_need(need)
    db.session.commit()
    return need


def test_a_consultants_move_to_interested_is_shown_as_the_consultants(
    client, auth, db, consultant, mette, need
):
    auth.login(consultant.email)
    match = db.session.scalar(select(Match).where(Match.volunteer_id == mette.id))
    for state in ("shortlisted", "contacted", "interested"):
        response = client.post(
            f"/consultant/needs/{need.id}/matches/{match.id}/next",
            data={"to_state": state, "version": db.session.get(Match, match.id).version},
        )
        assert response.status_code == 302
        db.session.expire_all()
    record = timeline(client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True))
    assert "Kontaktet → <strong>Interesseret</strong>" in record
    assert record.count("Karen Konsulent") == 3
    assert "af den frivillige" not in record and "Meldte sig" not in record
    assert db.session.scalar(select(InterestSignal)) is None
    auth.logout()

    auth.login(mette.email)
    mine = client.get("/me/needs/").get_data(as_text=True)
    assert "Du meldte dig" not in mine and "Interesseret" in mine  # the state, not a claim


def test_the_volunteers_request_and_taking_it_back_are_the_volunteers(
    client, auth, db, consultant, mette, need
):
    auth.login(mette.email)
    response = client.post(f"/me/needs/{need.id}/ask")
    assert response.status_code == 302 and response.location.endswith(f"#need-{need.id}")
    mine = client.get("/me/needs/").get_data(as_text=True)
    assert "Du meldte dig til opgaven den" in mine
    response = client.post(f"/me/needs/{need.id}/take-back", follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "Du har trukket din tilmelding til “Byrådstræner” tilbage." in html
    assert "Jeg vil gerne være med" in html  # may ask again
    assert client.post(f"/me/needs/{need.id}/take-back").status_code == 302  # nothing to take
    auth.logout()

    auth.login(consultant.email)
    record = timeline(client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True))
    assert record.index("Trak sin tilmelding til opgaven tilbage") < record.index(
        "Meldte sig til opgaven"
    )  # newest first
    assert record.count("af den frivillige") == 2 and "Karen Konsulent" not in record
    page = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert 'id="awaiting"' not in page  # no longer waiting for an answer
    assert "Trak sin tilmelding tilbage den" in page
    assert "Mette Hansen" not in section(
        client.get("/consultant/").get_data(as_text=True), "awaiting"
    )


def test_saying_yes_after_contact_is_a_move_by_the_volunteer(
    client, auth, db, consultant, mette, need
):
    match = db.session.scalar(select(Match).where(Match.volunteer_id == mette.id))
    match.state = "contacted"
    db.session.commit()
    auth.login(mette.email)
    client.post(f"/me/needs/{need.id}/ask")
    auth.logout()
    auth.login(consultant.email)
    record = timeline(client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True))
    at = record.index("Kontaktet → <strong>Interesseret</strong>")
    move = record[record.rindex("<li", 0, at) : record.index("</li>", at)]
    assert "af den frivillige" in move
    assert "Den frivillige sagde ja på sin egen side." in record
    page = client.get(f"/consultant/needs/{need.id}?tab=interested").get_data(as_text=True)
    assert "Meldte sig selv den" in page and "venter på svar" not in page  # answered: contacted
