"""Odd input on the consultant's pages gives a clear answer, never a server error."""

from crm.auth.models import Role


def test_contact_form_with_only_the_required_fields(client, make_user, make_volunteer, auth):
    make_user(Role.CONSULTANT, email="k@example.org")
    volunteer = make_volunteer()
    auth.login("k@example.org")
    response = client.post(
        f"/consultant/volunteers/{volunteer.id}/contacts",
        data={
            "channel": "phone",
            "direction": "out",
            "at": "2026-11-28T10:00",
            "summary": "Ringede om Kenya",
        },
    )
    assert response.status_code == 302


def test_contact_dated_year_one_is_refused_next_to_the_field(
    client, make_user, make_volunteer, auth
):
    make_user(Role.CONSULTANT, email="k@example.org")
    volunteer = make_volunteer()
    auth.login("k@example.org")
    response = client.post(
        f"/consultant/volunteers/{volunteer.id}/contacts",
        data={
            "channel": "phone",
            "direction": "out",
            "at": "0001-01-01T00:00",
            "summary": "x",
            "follow_up_date": "0001-01-01",
        },
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert 'id="at-error"' in html and 'id="follow_up_date-error"' in html


def test_huge_page_numbers_are_not_errors(client, make_user, auth):
    make_user(Role.CONSULTANT, email="k@example.org")
    auth.login("k@example.org")
    for url in (
        "/consultant/volunteers?page=99999999999999999999",
        "/contacts/follow-ups?page=99999999999999999999",
    ):
        assert client.get(url).status_code == 200, url
