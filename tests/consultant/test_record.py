"""The volunteer record: profile, matches with history, one timeline, and logging a contact."""

import re
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from crm.contacts.models import ContactLogEntry, FollowUp
from crm.contacts.services import local_today
from crm.extensions import db
from crm.models import VolunteerLanguage, VolunteerSkill
from tests.consultant.factories import add_contact, add_follow_up, add_match, add_transition


def test_record_shows_profile_matches_history_and_timeline(
    client, consultant, make_volunteer, make_need, make_branch
):
    branch = make_branch(name="Aarhus Øst")
    mette = make_volunteer(
        first_name="Mette", last_name="Hansen", branch_id=branch.id, phone="+45 12 34 56 78"
    )
    db.session.add_all(
        [
            VolunteerSkill(volunteer_id=mette.id, area="youth-networks", level=3),
            VolunteerLanguage(volunteer_id=mette.id, code="en", level="C1"),
        ]
    )
    db.session.commit()
    match = add_match(make_need(title="Kampagnetræner"), mette, state="shortlisted", score=81.5)
    add_transition(match, "suggested", "shortlisted", user=consultant, note="God profil")
    add_contact(mette, consultant, "Første opkald", at=datetime(2026, 1, 5, 9, tzinfo=UTC))
    add_contact(mette, consultant, "Andet opkald", at=datetime(2026, 2, 5, 9, tzinfo=UTC))
    add_follow_up(consultant, local_today(), mette, note="Løs opfølgning")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Mette Hansen" in html and "Aarhus Øst" in html and "+45 12 34 56 78" in html
    assert "Ungdomsnetværk" in html and "engelsk" in html.lower()
    assert "Kampagnetræner" in html and "Shortlistet" in html and "God profil" in html
    assert "81,5" in html
    timeline = html[html.index('id="timeline"') :]
    assert (
        timeline.index("Løs opfølgning")
        < timeline.index("Andet opkald")
        < timeline.index("Første opkald")
    )


def test_timeline_is_paginated(client, consultant, make_volunteer):
    mette = make_volunteer()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    for i in range(30):
        add_contact(mette, consultant, f"Opkald nummer {i:02d}", at=start + timedelta(days=i))
    first = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Opkald nummer 29" in first and "Opkald nummer 04" not in first
    assert "page=2" in first
    second = client.get(f"/consultant/volunteers/{mette.id}?page=2").get_data(as_text=True)
    assert re.findall(r"Opkald nummer (\d+)", second) == ["04", "03", "02", "01", "00"]


def test_log_a_call_with_a_follow_up_that_shows_on_the_dashboard_that_day(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    match = add_match(make_need(), mette, state="shortlisted")
    tomorrow = local_today() + timedelta(days=1)
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data={
            "channel": "phone",
            "direction": "out",
            "at": "2026-07-01T10:30",
            "summary": "Talte om opgaven i Kenya",
            "outcome": "Interesseret",
            "match_id": str(match.id),
            "follow_up_date": tomorrow.isoformat(),
            "follow_up_note": "Ring igen",
        },
    )
    assert response.status_code == 302
    entry = db.session.scalar(select(ContactLogEntry))
    # 10:30 in Copenhagen in summer is 08:30 UTC.
    assert entry.at == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    assert entry.match_id == match.id and entry.author_id == consultant.id
    follow_up = db.session.scalar(select(FollowUp))
    assert follow_up.owner_id == consultant.id and follow_up.contact_id == entry.id
    assert follow_up.due_date == tomorrow
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Talte om opgaven i Kenya" in html and "Ring igen" in html
    assert "Ring igen" not in client.get("/consultant/").get_data(as_text=True)
    # On its day it is due.
    db.session.get(FollowUp, follow_up.id).due_date = local_today()
    db.session.commit()
    assert "Ring igen" in client.get("/consultant/").get_data(as_text=True)


def test_contact_form_errors_stay_next_to_the_fields(client, consultant, make_volunteer):
    mette = make_volunteer()
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data={
            "channel": "phone",
            "direction": "out",
            "at": "",
            "summary": "",
            "follow_up_note": "Uden dato",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Skriv, hvad der blev sagt." in html and "Skriv dato og klokkeslæt." in html
    assert "Vælg en dato for opfølgningen" in html
    assert db.session.scalar(select(ContactLogEntry)) is None


def test_mistyped_years_and_a_malformed_need_are_refused(client, consultant, make_volunteer):
    mette = make_volunteer()
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data={
            "channel": "phone",
            "direction": "out",
            "at": "1999-07-01T10:30",
            "summary": "Hej",
            "match_id": "x",
            "follow_up_date": "2101-01-01",
        },
    )
    assert response.status_code == 400
    assert response.get_data(as_text=True).count("Vælg en dato mellem år 2000 og 2100.") == 2
    assert db.session.scalar(select(ContactLogEntry)) is None


def test_a_match_of_another_volunteer_is_refused(client, consultant, make_volunteer, make_need):
    mette, ole = make_volunteer(), make_volunteer()
    other = add_match(make_need(), ole)
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data={
            "channel": "sms",
            "direction": "in",
            "at": "2026-07-01T10:30",
            "summary": "Hej",
            "match_id": str(other.id),
        },
    )
    assert response.status_code == 400
    assert db.session.scalar(select(ContactLogEntry)) is None


def test_unknown_volunteer_is_404(client, consultant):
    assert client.get("/consultant/volunteers/999").status_code == 404
