"""A volunteer's request to take part reaches the consultant: dashboard, need page and search."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from crm.auth.models import Role
from crm.matches import pool_cache, refresh
from crm.models import Match


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    return html[start : html.find("</section>", start)]


@pytest.fixture()
def volunteers(make_fitting_volunteer):
    """Mette (fits well) and Ole (fits better, scores higher), both with current consent."""
    return [make_fitting_volunteer("Mette", 3), make_fitting_volunteer("Ole", 4)]


@pytest.fixture()
def need(app, db, make_need, volunteers):
    need = make_need(title="Byrådstræner")
    with app.test_request_context():
        pool_cache.forget_pool()
        refresh.refresh_need(need)
        db.session.commit()
    return need


def test_interest_reaches_dashboard_and_need_page(client, auth, db, make_user, need, volunteers):
    mette, ole = volunteers
    auth.login("mette@example.org")
    assert client.post(f"/me/needs/{need.id}/ask").status_code == 302
    auth.logout()
    match = db.session.scalar(select(Match).where(Match.volunteer_id == mette.id))
    assert match.state == "suggested" and match.interested_at is not None

    consultant = make_user(Role.CONSULTANT, email="konsulent@example.org")
    auth.login(consultant.email)
    html = client.get("/consultant/").get_data(as_text=True)
    listed = section(html, "awaiting")
    assert "Mette Hansen" in listed and "Ole Hansen" not in listed
    assert listed.count("Meldte sig selv den") == 1
    assert f"tab=suggested#match-{match.id}" in listed

    page = client.get(f"/consultant/needs/{need.id}?tab=suggested").get_data(as_text=True)
    # At a glance, above the tabs: who asked and awaits an answer, linked to the card.
    glance = section(page, "awaiting")
    assert "1 frivillig har meldt sig og venter på svar" in glance
    assert f"#match-{match.id}" in glance and "Ole Hansen" not in glance
    # Mette scores lower than Ole but is listed first, marked with a badge and the date.
    listing = page[page.index('class="candidates"') :]
    assert listing.index(f'id="match-{match.id}"') < listing.index("Ole Hansen")
    card = listing[listing.index(f'id="match-{match.id}"') :]
    card = card[: card.index("</li>")]
    assert "Meldte sig selv den" in card and "venter på svar" in card
    tabs = page[page.index('class="state-tabs"') :]
    tabs = tabs[: tabs.index("</nav>")]
    assert '<span class="tab-hint">1 venter på svar</span>' in tabs
    assert tabs.count("tab-hint") == 1
    # "Interesseret" is the pipeline state only: the tab is empty and needs no explaining.
    interested_tab = client.get(f"/consultant/needs/{need.id}?tab=interested")
    assert "Mette Hansen" not in interested_tab.get_data(as_text=True).split('id="candidates"')[1]

    found = client.get("/consultant/volunteers?state=asked").get_data(as_text=True)
    assert "Mette Hansen" in found and "Ole Hansen" not in found
    by_state = client.get("/consultant/volunteers?state=interested").get_data(as_text=True)
    assert "Mette Hansen" not in by_state


def test_closed_matches_leave_the_awaiting_list(client, auth, db, make_user, need, volunteers):
    mette, _ole = volunteers
    match = db.session.scalar(select(Match).where(Match.volunteer_id == mette.id))
    match.interested_at = datetime.now(UTC)
    match.state = "declined"
    db.session.commit()
    auth.login(make_user(Role.CONSULTANT).email)
    html = client.get("/consultant/").get_data(as_text=True)
    assert "Mette Hansen" not in section(html, "awaiting")
    page = client.get(f"/consultant/needs/{need.id}?tab=declined").get_data(as_text=True)
    assert 'id="awaiting"' not in page
    assert "Meldte sig selv" not in page
