"""Logging a contact can move its match on a step, through the pipeline, with the version check."""

import re

from sqlalchemy import func, select

from crm.contacts.models import ContactLogEntry, FollowUp
from crm.extensions import db
from crm.matches.models import Match, MatchTransition
from tests.consultant.factories import add_match


def hidden_seen(html: str) -> str:
    """The value of the record form's hidden list of "match_id:version" pairs shown."""
    tag = re.search(r'<input[^>]*name="seen"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


def moves(html: str) -> dict[str, str]:
    """The "move the match on" options as value -> label, and which one is selected ("*")."""
    select_html = re.search(r'<select[^>]*name="move_to".*?</select>', html, re.S).group(0)
    found = {}
    for tag, label in re.findall(r"(<option[^>]*>)([^<]*)</option>", select_html):
        value = re.search(r'value="([^"]*)"', tag).group(1)
        found[value] = label + (" *" if "selected" in tag else "")
    return found


def contact(match, seen: str, move_to: str = "contacted", **fields) -> dict:
    return {
        "channel": "phone",
        "direction": "out",
        "at": "2026-07-01T10:30",
        "summary": "Ringede om opgaven",
        "match_id": str(match.id),
        "seen": seen,
        "move_to": move_to,
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


def test_a_shortlisted_match_starts_at_contacted(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    match = add_match(make_need(title="Kampagnetræner"), mette, state="shortlisted")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Flyt matchet videre" in html
    assert list(moves(html).items()) == [
        ("", "Ingen ændring"),
        ("contacted", "Kontaktet *"),
        ("interested", "Interesseret"),
        ("declined", "Takket nej"),
        ("not_suitable", "Ikke egnet"),
        ("withdrawn", "Trukket tilbage"),
        ("suggested", "Foreslået"),  # back a step comes last
    ]
    assert hidden_seen(html) == f"{match.id}:{match.version}"
    assert re.search(rf'<option[^>]*data-state="shortlisted"[^>]*value="{match.id}"', html)


def test_other_matches_start_at_no_change(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    add_match(make_need(), mette, state="interested")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    offered = moves(html)
    assert offered[""] == "Ingen ændring *"
    assert "placed" in offered and "completed" not in offered


def test_no_moves_without_matches(client, consultant, make_volunteer):
    mette = make_volunteer()
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert 'name="move_to"' not in html


def test_logging_a_call_marks_the_shortlisted_match_as_contacted(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    match = add_match(make_need(), mette, state="shortlisted")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data=contact(match, hidden_seen(html)),
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Kontakten med Mette Hansen er logget, og matchet er nu “Kontaktet”." in (
        response.get_data(as_text=True)
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


def test_a_keen_outcome_moves_a_contacted_match_to_interested(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    match = add_match(make_need(), mette, state="contacted")
    data = contact(match, f"{match.id}:{match.version}", "interested", outcome="Meget interesseret")
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    entry = db.session.scalars(select(ContactLogEntry)).one()
    assert response.headers["Location"].endswith(f"#contact-{entry.id}")
    assert state(match) == "interested" and entry.outcome == "Meget interesseret"
    assert transitions(match.id) == [("contacted", "interested")]


def test_declined_takes_a_reason_code_and_the_outcome_as_its_reason(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="contacted")
    seen = f"{match.id}:{match.version}"
    data = contact(match, seen, "declined", outcome="Har ikke tid i år")
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vælg en begrundelse for “Takket nej”." in html and 'id="reason_code-error"' in html
    assert "Har ikke tid i år" in html  # nothing typed is lost
    assert count(ContactLogEntry) == 0 and state(match) == "contacted"
    data["reason_code"] = "availability"
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    step = db.session.scalars(select(MatchTransition)).one()
    assert (step.to_state, step.reason_code, step.reason) == (
        "declined",
        "availability",
        "Har ikke tid i år",
    )
    record = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert "Tid, periode eller rejse – Har ikke tid i år" in record  # on the timeline


def test_a_reason_code_is_not_stored_on_a_move_that_takes_none(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="contacted")
    data = contact(match, f"{match.id}:{match.version}", "interested", reason_code="skills")
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    step = db.session.scalars(select(MatchTransition)).one()
    assert (step.to_state, step.reason_code) == ("interested", None)


def test_a_move_the_pipeline_refuses_logs_nothing(client, consultant, make_volunteer, make_need):
    """A suggested match cannot become "interested" straight away: the form says so."""
    mette = make_volunteer()
    match = add_match(make_need(title="A"), mette, state="suggested")
    add_match(make_need(title="B"), mette, state="shortlisted")
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data=contact(match, f"{match.id}:{match.version}", "interested"),
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Intet blev gemt: Et match kan ikke flyttes fra “Foreslået” til “Interesseret”." in html
    assert "Ringede om opgaven" in html
    assert count(ContactLogEntry) == 0 and count(MatchTransition) == 0


def test_no_change_only_logs_the_contact(client, consultant, make_volunteer, make_need):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    match = add_match(make_need(), mette, state="shortlisted")
    data = contact(match, f"{match.id}:{match.version}", "")
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    assert state(match) == "shortlisted"
    assert count(ContactLogEntry) == 1 and transitions(match.id) == []
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kontakten med Mette Hansen er logget." in html


def test_a_conflict_saves_nothing_and_keeps_the_text(client, consultant, make_volunteer, make_need):
    """Someone else moved the match while the consultant typed: nothing is saved, the typed
    text comes back with the match's new state, and saving again logs the contact alone."""
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    seen = hidden_seen(client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True))
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
    # The form is ready to be sent again: the new version, and no move chosen.
    now = db.session.scalar(select(Match.version).where(Match.id == match.id))
    assert hidden_seen(html) == f"{match.id}:{now}" and now != seen.split(":")[1]
    assert moves(html)[""] == "Ingen ændring *"
    data["seen"], data["move_to"] = hidden_seen(html), ""
    response = client.post(f"/consultant/volunteers/{mette.id}/contacts", data=data)
    assert response.status_code == 302
    assert count(ContactLogEntry) == 1 and count(FollowUp) == 1 and count(MatchTransition) == 0


def test_a_tampered_list_of_versions_is_refused(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    for bad in ("x", f"{match.id}", f"{match.id}:1 {match.id}:1", f"{match.id}:99999999999"):
        response = client.post(
            f"/consultant/volunteers/{mette.id}/contacts", data=contact(match, bad)
        )
        assert response.status_code == 400
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data=contact(match, f"{match.id}:{match.version}", "no-such-state"),
    )
    assert response.status_code == 400
    assert count(ContactLogEntry) == 0 and state(match) == "shortlisted"
