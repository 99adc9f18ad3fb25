"""The volunteer record in a day's work: rows with anchors, sorted matches, actions that return."""

import re
from datetime import timedelta

from sqlalchemy import select

from crm.contacts.models import ContactLogEntry, FollowUp
from crm.contacts.services import local_today
from crm.extensions import db
from tests.consultant.factories import add_contact, add_follow_up, add_match


def match_rows(html: str) -> list[str]:
    """The ids of the match rows in the order the record lists them."""
    return re.findall(r'<li id="match-(\d+)">', html)


def test_matches_are_sorted_by_state_then_best_score(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    rows = [
        ("Afvist", "declined", 90.0),
        ("Placeret", "placed", 40.0),
        ("Kortlistet lav", "shortlisted", 50.0),
        ("Forslag", "suggested", 99.0),
        ("Kortlistet høj", "shortlisted", 80.0),
        ("Interesseret", "interested", 70.0),
        ("Trukket", "withdrawn", 95.0),
    ]
    made = {
        title: str(add_match(make_need(title=title), mette, state=state, score=score).id)
        for title, state, score in rows
    }
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert match_rows(html) == [
        made[title]
        for title in (
            "Kortlistet høj",
            "Kortlistet lav",
            "Interesseret",
            "Placeret",
            "Afvist",
            "Trukket",
            "Forslag",  # the suggestions are listed apart, below the rest
        )
    ]


def test_each_match_row_offers_a_contact_and_an_e_mail_about_it(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    match = add_match(make_need(title="Kampagnetræner"), mette, state="contacted")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    row = re.search(rf'<li id="match-{match.id}">.*?</li>', html, re.S).group(0)
    assert f'href="/consultant/volunteers/{mette.id}?match={match.id}#log"' in row
    assert f'href="/consultant/volunteers/{mette.id}/email?match={match.id}"' in row


def test_a_follow_up_done_on_the_record_returns_to_its_line(client, consultant, make_volunteer):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    entry = add_contact(mette, consultant, "Ringede")
    follow_up = FollowUp(
        owner_id=consultant.id,
        due_date=local_today() + timedelta(days=3),
        note="Ring igen",
        volunteer_id=mette.id,
        contact_id=entry.id,
    )
    db.session.add(follow_up)
    db.session.commit()
    page = f"/consultant/volunteers/{mette.id}"
    html = client.get(page).get_data(as_text=True)
    assert f'id="contact-{entry.id}"' in html and f'id="follow-up-{follow_up.id}"' in html
    line = re.search(rf'id="follow-up-{follow_up.id}".*?</form>', html, re.S).group(0)
    assert f'action="/contacts/follow-ups/{follow_up.id}/done"' in line
    next_value = re.search(r'name="next" value="([^"]*)"', line).group(1)
    response = client.post(f"/contacts/follow-ups/{follow_up.id}/done", data={"next": next_value})
    assert response.headers["Location"] == f"{page}#follow-up-{follow_up.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Opfølgningen for Mette Hansen er markeret som klaret." in html
    line = re.search(rf'id="follow-up-{follow_up.id}".*?</form>', html, re.S).group(0)
    assert "klaret" in line and f"/contacts/follow-ups/{follow_up.id}/undo" in line


def test_a_standalone_follow_up_has_its_own_line(client, consultant, make_volunteer):
    mette = make_volunteer()
    follow_up = add_follow_up(consultant, local_today(), mette, note="Send materiale")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert html.count(f'id="follow-up-{follow_up.id}"') == 1


def test_logging_a_contact_opens_the_record_at_the_new_entry(client, consultant, make_volunteer):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts",
        data={"channel": "phone", "direction": "out", "at": "2026-07-01T10:30", "summary": "Hej"},
    )
    entry = db.session.scalars(select(ContactLogEntry)).one()
    assert response.headers["Location"] == f"/consultant/volunteers/{mette.id}#contact-{entry.id}"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Kontakten med Mette Hansen er logget." in html
    assert f'id="contact-{entry.id}"' in html


def test_the_contact_form_script_is_served_and_referenced(client, consultant, make_volunteer):
    mette = make_volunteer()
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert '<script src="/static/js/pipeline-step.js" defer></script>' in html
    assert "<script>" not in html  # no inline script
    script = client.get("/static/js/pipeline-step.js")
    assert script.status_code == 200 and "data-from" in script.get_data(as_text=True)
    script.close()


def test_e_mail_preselects_the_only_open_match(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    add_match(make_need(title="Gammel"), mette, state="declined")
    open_match = add_match(make_need(title="Kampagnetræner"), mette, state="contacted")
    html = client.get(f"/consultant/volunteers/{mette.id}/email").get_data(as_text=True)
    assert re.search(rf'<option[^>]*selected[^>]*value="{open_match.id}"', html) or re.search(
        rf'<option[^>]*value="{open_match.id}"[^>]*selected', html
    )


def test_e_mail_chooses_no_need_when_two_are_open(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    add_match(make_need(title="A"), mette, state="contacted")
    add_match(make_need(title="B"), mette, state="interested")
    html = client.get(f"/consultant/volunteers/{mette.id}/email").get_data(as_text=True)
    select_html = re.search(r'<select[^>]*name="match_id".*?</select>', html, re.S).group(0)
    assert re.search(r'<option[^>]*selected[^>]*value=""', select_html) or (
        "selected" not in select_html
    )


def test_the_e_mail_flash_names_the_volunteer(
    client, consultant, make_volunteer, make_need, outbox
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    response = client.post(
        f"/consultant/volunteers/{mette.id}/email",
        data={"match_id": "", "subject": "Hej", "body": "Kære {first_name}"},
        follow_redirects=True,
    )
    assert "E-mailen til Mette Hansen er logget og på vej." in response.get_data(as_text=True)
