"""The record opened from a need: the need preselected on the contact form and a way back."""

import re

import pytest
from sqlalchemy import select

from crm.auth.models import Role
from crm.contacts.models import ContactLogEntry
from crm.extensions import db
from tests.consultant.factories import add_match


def selected_match(html: str) -> str | None:
    """The value of the contact form's selected "About the need" option, if any."""
    select = re.search(r'<select[^>]*name="match_id".*?</select>', html, re.S).group(0)
    chosen = re.search(r'<option[^>]*selected[^>]*value="(\d*)"', select)
    return (chosen.group(1) or None) if chosen else None  # "—" has the empty value


def test_the_only_open_match_is_preselected(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    match = add_match(make_need(), mette, state="shortlisted")
    add_match(make_need(title="Afsluttet"), mette, state="declined")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert selected_match(html) == str(match.id)


def test_the_only_match_taken_forward_is_preselected_among_suggestions(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    add_match(make_need(title="Forslag 1"), mette)
    add_match(make_need(title="Forslag 2"), mette)
    contacted = add_match(make_need(title="I gang"), mette, state="contacted")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert selected_match(html) == str(contacted.id)


def test_nothing_is_preselected_when_it_is_not_clear(client, consultant, make_volunteer, make_need):
    mette = make_volunteer()
    add_match(make_need(title="A"), mette, state="shortlisted")
    add_match(make_need(title="B"), mette, state="interested")
    html = client.get(f"/consultant/volunteers/{mette.id}").get_data(as_text=True)
    assert selected_match(html) is None


def test_the_need_or_match_in_the_link_is_preselected(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    first_need, second_need = make_need(title="A"), make_need(title="B")
    first = add_match(first_need, mette, state="shortlisted")
    second = add_match(second_need, mette, state="shortlisted")
    url = f"/consultant/volunteers/{mette.id}"
    assert selected_match(client.get(f"{url}?need={second_need.id}").get_data(as_text=True)) == (
        str(second.id)
    )
    assert selected_match(client.get(f"{url}?match={first.id}").get_data(as_text=True)) == (
        str(first.id)
    )
    # Another volunteer's need or match, or nonsense, preselects nothing and breaks nothing.
    other_need = make_need(title="C")
    other = add_match(other_need, make_volunteer(), state="shortlisted")
    for query in (f"need={other_need.id}", f"match={other.id}", "match=x", "need=-1"):
        response = client.get(f"{url}?{query}")
        assert (
            response.status_code == 200 and selected_match(response.get_data(as_text=True)) is None
        )


def test_the_candidate_row_links_to_the_record_with_the_need(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    need = make_need(title="Kampagnetræner")
    match = add_match(need, mette, state="shortlisted")
    html = client.get(f"/consultant/needs/{need.id}?tab=shortlisted").get_data(as_text=True)
    link = f"/consultant/volunteers/{mette.id}?need={need.id}"
    assert f'href="{link}">Mette Hansen</a>' in html
    record = client.get(link).get_data(as_text=True)
    assert selected_match(record) == str(match.id)
    assert (
        f'href="/consultant/needs/{need.id}#candidates">← Tilbage til Kampagnetræner</a>' in record
    )


def test_the_back_link_goes_to_find_volunteers_without_a_valid_need(
    client, consultant, make_volunteer
):
    mette = make_volunteer()
    for query in ("", "?need=999", "?need=abc", "?need=//evil.example", "?need=99999999999"):
        response = client.get(f"/consultant/volunteers/{mette.id}{query}")
        html = response.get_data(as_text=True)
        assert response.status_code == 200
        assert "← Find frivillige</a>" in html and "Tilbage til" not in html
        assert not re.search(r'(href|action)="[^"]*evil', html)


def test_logging_a_contact_keeps_the_way_back_to_the_need(
    client, consultant, make_volunteer, make_need
):
    mette = make_volunteer()
    need = make_need(title="Kampagnetræner")
    add_match(need, mette, state="suggested")
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts?need={need.id}",
        data={"channel": "phone", "direction": "out", "at": "2026-07-01T10:30", "summary": "Hej"},
    )
    assert response.status_code == 302
    entry = db.session.scalars(select(ContactLogEntry)).one()
    assert response.headers["Location"].endswith(
        f"/consultant/volunteers/{mette.id}?need={need.id}#contact-{entry.id}"
    )
    response = client.post(
        f"/consultant/volunteers/{mette.id}/contacts?need=https://evil.example",
        data={"channel": "phone", "direction": "out", "at": "2026-07-01T10:30", "summary": "Hej"},
    )
    location = response.headers["Location"]
    assert re.search(rf"/consultant/volunteers/{mette.id}#contact-\d+$", location)


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_only_staff_see_the_record_from_a_need(
    client, auth, make_user, make_volunteer, make_need, role
):
    mette = make_volunteer()
    need = make_need()
    add_match(need, mette, state="shortlisted")
    user = make_user(role)
    auth.login(user.email)
    assert client.get(f"/consultant/volunteers/{mette.id}?need={need.id}").status_code == 403
