"""A refused bulk move shows the need page again (400), keeping the selection and the text."""

import re

import pytest

from crm.models import Match


@pytest.fixture()
def logged_in(client, auth, consultant):
    auth.login(consultant.email)
    return client


def checked(html: str) -> set[str]:
    return set(re.findall(r'name="match" form="bulk" value="([^"]+)"\s+checked', html))


def test_a_refusal_shows_the_need_page_again_with_selection_text_and_reasons(
    app, logged_in, db, make_need, make_volunteer, make_match
):
    need = make_need()
    anna = make_match(need, make_volunteer(first_name="Anna", last_name="Berg"))
    pia = make_match(need, make_volunteer(first_name="Pia", last_name="Placeret"), state="placed")
    selection = [f"{anna.id}:{anna.version}", f"{pia.id}:{pia.version}"]
    response = logged_in.post(
        f"/consultant/needs/{need.id}/matches/bulk",
        data={
            "match": selection,
            "to_state": "not_suitable",
            "reason_code": "availability",
            "reason": "Har ikke tid i foråret",
            "note": "Ringede i dag",
            "tab": "suggested",
            "page": "1",
        },
    )
    assert response.status_code == 400 and "Location" not in response.headers
    html = response.get_data(as_text=True)
    assert "Intet blev ændret" in html and "Pia Placeret: " in html
    assert "Har ikke tid i foråret" in html and "Ringede i dag" in html
    assert '<option selected value="not_suitable">' in html
    assert f"{anna.id}:{anna.version}" in checked(html)
    assert db.session.get(Match, anna.id).state == "suggested"
    # Nothing typed, and no name, is kept in the (signed, not encrypted) session cookie.
    cookie = logged_in.get_cookie(app.config["SESSION_COOKIE_NAME"])
    session = app.session_interface.get_signing_serializer(app).loads(cookie.value)
    assert "Har ikke tid" not in str(session) and "Placeret" not in str(session)


def test_a_huge_echoed_selection_makes_no_huge_header(logged_in, make_need):
    need = make_need()
    response = logged_in.post(
        f"/consultant/needs/{need.id}/matches/bulk",
        data={"match": ["9" * 30 + ":1"] * 3000, "to_state": "withdrawn", "tab": "x" * 100_000},
    )
    assert response.status_code == 400
    assert sum(len(k) + len(v) for k, v in response.headers.items()) < 2000


def test_long_text_is_shown_again_at_once(logged_in, make_need, make_volunteer, make_match):
    need = make_need()
    match = make_match(need, make_volunteer())
    note = "Lang note. " * 120
    response = logged_in.post(
        f"/consultant/needs/{need.id}/matches/bulk",
        data={"match": [f"{match.id}:{match.version}"], "to_state": "not_suitable", "note": note},
    )
    assert response.status_code == 400
    assert note.strip() in response.get_data(as_text=True)


def bulk_targets(html: str) -> list[str]:
    select = html[html.index('<select id="to_state"') :]
    select = select[: select.index("</select>")]
    return re.findall(r'value="(\w+)"', select)


def test_a_closed_need_offers_no_move_the_service_would_refuse(
    logged_in, db, make_need, make_volunteer, make_match
):
    need = make_need()
    make_match(need, make_volunteer())
    html = logged_in.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert "shortlisted" in bulk_targets(html) and ">Sæt på shortlisten<" in html

    need.status = "closed"
    db.session.commit()
    html = logged_in.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    targets = bulk_targets(html)
    assert targets and not {"shortlisted", "contacted", "interested", "placed"} & set(targets)
    assert "not_suitable" in targets
    assert ">Sæt på shortlisten<" not in html
