"""Withdrawing consent, or deleting the profile, takes effect at once, everywhere."""

import pytest
from sqlalchemy import func, select

from crm.matches import pool_cache, refresh
from crm.models import Match, MatchTransition


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.find("</section>", start)]


def candidates(html: str) -> str:
    """The candidate cards only (not the bulk form beside them)."""
    start = html.index('class="candidates"')
    return html[start : html.index("</ol>", start)]


@pytest.fixture()
def people(make_fitting_volunteer):
    """Mette (strongest), Ole and Kim, all fitting the need, all consented."""
    return [
        make_fitting_volunteer(name, level)
        for name, level in (("Mette", 4), ("Ole", 3), ("Kim", 2))
    ]


@pytest.fixture()
def need(db, make_need, people):
    need = make_need(title="Byrådstræner")
    pool_cache.forget_pool()
    refresh.refresh_need(need)
    db.session.commit()
    return need


def match_of(db, volunteer):
    return db.session.scalar(select(Match).where(Match.volunteer_id == volunteer.id))


def test_withdrawal_removes_suggestions_and_flags_the_pipeline(
    client, auth, db, consultant, people, need
):
    mette, ole, _kim = people
    auth.login(mette.email)
    client.post(f"/me/needs/{need.id}/ask")  # Mette asks: top of the list, on the dashboard
    auth.logout()
    shortlisted = match_of(db, ole)
    shortlisted.state = "shortlisted"
    db.session.commit()

    for volunteer in (mette, ole):
        auth.login(volunteer.email)
        response = client.post("/me/consent/withdraw", follow_redirects=True)
        assert "Dit samtykke er trukket tilbage" in response.get_data(as_text=True)
        assert "Giv dit samtykke" in client.get("/me/needs/").get_data(as_text=True)
        assert client.post(f"/me/needs/{need.id}/ask").status_code == 302  # refused, no match
        auth.logout()

    assert match_of(db, mette) is None  # her suggestion (and request) are gone
    auth.login(consultant.email)
    page = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert "Mette Hansen" not in page and 'id="awaiting"' not in page
    flagged = section(page, "withdrew-consent")
    assert "Ole Hansen" in flagged and f"tab=shortlisted#match-{shortlisted.id}" in flagged
    dashboard = client.get("/consultant/").get_data(as_text=True)
    assert "Mette Hansen" not in section(dashboard, "awaiting")
    assert "Ole Hansen" in section(dashboard, "withdrew-consent")
    card = client.get(f"/consultant/needs/{need.id}?tab=shortlisted").get_data(as_text=True)
    assert "Trak samtykket tilbage den" in candidates(card)
    assert "Markér som kontaktet" not in candidates(card)  # no forward step offered

    # Forward is refused, with the reason; out of the pipeline is allowed.
    refused = client.post(
        f"/consultant/needs/{need.id}/matches/{shortlisted.id}/next",
        data={"to_state": "contacted", "version": shortlisted.version},
    )
    assert refused.status_code == 400
    assert "har trukket sit samtykke tilbage" in refused.get_data(as_text=True)
    done = client.post(
        f"/consultant/needs/{need.id}/matches/{shortlisted.id}",
        data={"to_state": "withdrawn", "version": match_of(db, ole).version},
    )
    assert done.status_code == 302
    page = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert 'id="withdrew-consent"' not in page

    # Nothing brings them back: re-ranking the need, or a full rematch.
    refresh.refresh_need(need)
    refresh.rematch_all()
    db.session.commit()
    assert match_of(db, mette) is None and match_of(db, ole).state == "withdrawn"
    record = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Trak samtykket tilbage: profilen tilbydes ikke længere" in record


def test_a_suggestion_with_a_history_is_withdrawn_not_deleted(
    client, auth, db, consultant, people, need
):
    mette = people[0]
    match = match_of(db, mette)
    db.session.add(
        MatchTransition(match_id=match.id, from_state="shortlisted", to_state="suggested")
    )
    db.session.commit()
    auth.login(mette.email)
    client.post("/me/consent/withdraw")
    db.session.expire_all()
    assert match_of(db, mette).state == "withdrawn"
    assert db.session.scalar(select(func.count(MatchTransition.id))) == 2


def test_consenting_again_makes_them_a_candidate_again(client, auth, db, people, need, app):
    mette = people[0]
    auth.login(mette.email)
    client.post("/me/consent/withdraw")
    assert match_of(db, mette) is None
    db.session.expire_all()
    response = client.post(
        "/me/profile/consent",
        data={"consent": "y", "version": db.session.get(type(mette), mette.id).version},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(mette), mette.id).consent_withdrawn_at is None
    assert match_of(db, mette) is not None


def test_a_deleted_profile_vanishes_from_every_list(client, auth, db, consultant, people, need):
    mette = people[0]
    auth.login(mette.email)
    client.post(f"/me/needs/{need.id}/ask")
    client.get("/me/delete")
    assert client.post("/me/delete", data={"confirm": "y"}).status_code == 302
    auth.logout()
    auth.login(consultant.email)
    page = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert "Ole Hansen" in page and "Mette Hansen" not in page
    dashboard = client.get("/consultant/").get_data(as_text=True)
    assert 'id="awaiting"' in dashboard and "Mette Hansen" not in dashboard
    refresh.refresh_need(need)  # the cached candidate pool does not bring her back
    db.session.commit()
    page = client.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert "Ole Hansen" in page and "Mette Hansen" not in page


def test_no_shortlist_e_mail_goes_to_someone_who_withdrew(
    client, auth, db, consultant, people, need
):
    mette, ole, _kim = people
    for volunteer in (mette, ole):
        match_of(db, volunteer).state = "shortlisted"
    db.session.commit()
    auth.login(mette.email)
    client.post("/me/consent/withdraw")
    auth.logout()
    auth.login(consultant.email)
    html = client.get(f"/consultant/needs/{need.id}/email").get_data(as_text=True)
    assert "Ole Hansen" in html and "Mette Hansen" not in html
