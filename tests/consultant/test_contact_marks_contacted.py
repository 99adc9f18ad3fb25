"""Logging a contact can move a shortlisted match to contacted, with the version check."""

import re

from sqlalchemy import func, select

from crm.contacts.models import ContactLogEntry, FollowUp
from crm.extensions import db
from crm.matches.models import Match, MatchTransition
from tests.consultant.factories import add_match


def hidden_shortlisted(html: str) -> str:
    """The value of the record form's hidden list of shortlisted "match_id:version" pairs."""
    tag = re.search(r'<input[^>]*name="shortlisted"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def contact(match, shortlisted: str, **fields) -> dict:
    return {
        "channel": "phone",
        "direction": "out",
        "at": "2026-07-01T10:30",
        "summary": "Ringede om opgaven",
        "match_id": str(match.id),
        "shortlisted": shortlisted,
        "mark_contacted": "y",
        **fields,
    }


def transitions(match_id: int) -> list[tuple[str, str]]:
    return db.session.execute(
        select(MatchTransition.from_state, MatchTransition.to_state)
        .where(MatchTransition.match_id == match_id)
        .order_by(MatchTransition.id)
    ).all()


def state(match) -> str:
    """The match's state as stored now (the request ran in its own session)."""
    return db.session.scalar(select(Match.state).where(Match.id == match.id))


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_box_is_offered_ticked_when_a_match_is_shortlisted(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(title="Kampagnetræner"), mette, state="shortlisted")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="mark_contacted"[^>]*>', html).group(0)
    assert "checked" in box and "Markér matchet som kontaktet" in html
    assert hidden_shortlisted(html) == f"{match.id}:{match.version}"
    assert re.search(rf'<option[^>]*data-shortlisted[^>]*value="{match.id}"', html)


def test_no_box_without_a_shortlisted_match(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    add_match(make_need(), mette, state="interested")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert 'name="mark_contacted"' not in html


def test_logging_a_call_marks_the_shortlisted_match_as_contacted(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data=contact(match, hidden_shortlisted(html)),
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Kontakten er logget, og matchet er markeret som kontaktet." in response.get_data(
        as_text=True
    )
    assert state(match) == "contacted"
    step = db.session.scalars(select(MatchTransition)).one()
    assert (step.from_state, step.to_state, step.user_id) == (
        "shortlisted",
        "contacted",
        consultant.id,
    )
    assert step.note == "Logget i kontaktloggen (Telefon)."
    entry = db.session.scalars(select(ContactLogEntry)).one()
    assert entry.match_id == match.id


def test_an_unticked_box_only_logs_the_contact(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    data = contact(match, f"{match.id}:{match.version}")
    del data["mark_contacted"]
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    assert state(match) == "shortlisted"
    assert count(ContactLogEntry) == 1 and transitions(match.id) == []


def test_the_box_is_ignored_for_a_match_that_was_not_shortlisted(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    shortlisted = add_match(make_need(title="A"), mette, state="shortlisted")
    interested = add_match(make_need(title="B"), mette, state="interested")
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data=contact(interested, f"{shortlisted.id}:{shortlisted.version}"),
    )
    assert response.status_code == 302
    assert state(interested) == "interested"
    assert state(shortlisted) == "shortlisted"
    assert count(ContactLogEntry) == 1 and count(MatchTransition) == 0


def test_a_conflict_saves_nothing_and_keeps_the_text(client, consultant, make_volunteer, make_need):
    """Someone else moved the match while the consultant typed: nothing is saved, the typed
    text comes back with the match's new state, and saving again logs the contact alone."""
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    seen = hidden_shortlisted(
        client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    )
    other = db.session.get(Match, match.id)
    other.state = "contacted"  # another consultant's click; the version goes up
    db.session.commit()
    data = contact(match, seen, follow_up_date="2026-07-02", follow_up_note="Ring igen")
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "Intet blev gemt: en anden har ændret dette match" in html
    assert "det er nu “Kontaktet”" in html
    assert "Ringede om opgaven" in html and 'value="Ring igen"' in html
    assert count(ContactLogEntry) == 0 and count(FollowUp) == 0 and count(MatchTransition) == 0
    # The form is ready to be sent again: the match is no longer listed as shortlisted.
    assert hidden_shortlisted(html) == ""
    data["shortlisted"] = hidden_shortlisted(html)
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    assert count(ContactLogEntry) == 1 and count(FollowUp) == 1 and count(MatchTransition) == 0


def test_a_tampered_list_of_shortlisted_matches_is_refused(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    for bad in ("x", f"{match.id}", f"{match.id}:1 {match.id}:1", f"{match.id}:99999999999"):
        response = client.post(
            f"/consultant/volunteers/{mette.id}/contacts", data=contact(match, bad)
        )
        assert response.status_code == 400
    assert count(ContactLogEntry) == 0 and state(match) == "shortlisted"
