"""A refused bulk move goes back to the need page by GET, keeping the selection and the text."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest

from crm.models import Match


@pytest.fixture()
def logged_in(client, auth, consultant):
    auth.login(consultant.email)
    return client


def checked(html: str) -> set[str]:
    return set(re.findall(r'name="match" form="bulk" value="([^"]+)"\s+checked', html))


def test_a_refusal_redirects_to_the_need_page_with_selection_text_and_reasons(
    logged_in, db, make_need, make_volunteer, make_match
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
            "reason": "Har ikke tid i foråret",
            "note": "Ringede i dag",
            "tab": "suggested",
            "page": "1",
        },
    )
    assert response.status_code == 303
    target = urlsplit(response.location)
    assert target.path == f"/consultant/needs/{need.id}" and target.fragment == "bulk"
    query = parse_qs(target.query)
    assert query["match"] == selection and query["to"] == ["not_suitable"]
    assert "Har ikke tid" not in response.location  # typed text never goes into a URL

    html = logged_in.get(response.location).get_data(as_text=True)
    assert "Intet blev ændret" in html and "Pia Placeret" in html
    assert "Har ikke tid i foråret" in html and "Ringede i dag" in html
    assert '<option selected value="not_suitable">' in html
    assert f"{anna.id}:{anna.version}" in checked(html)
    assert db.session.get(Match, anna.id).state == "suggested"

    # A reload asks the server again by GET: nothing posted, the reasons said once only.
    again = logged_in.get(response.location).get_data(as_text=True)
    assert "Intet blev ændret" not in again and f"{anna.id}:{anna.version}" in checked(again)


def _session(app, client) -> dict:
    """The session as the browser holds it: the cookie decoded with the app's own serializer."""
    cookie = client.get_cookie(app.config["SESSION_COOKIE_NAME"])
    return app.session_interface.get_signing_serializer(app).loads(cookie.value)


def _refuse(client, need, matches):
    return client.post(
        f"/consultant/needs/{need.id}/matches/bulk",
        data={
            "match": [f"{m.id}:{m.version}" for m in matches],
            "to_state": "not_suitable",
            "reason": "Har ikke tid",
        },
    )


def test_the_session_cookie_holds_no_volunteer_name(
    app, logged_in, make_need, make_volunteer, make_match
):
    need = make_need()
    anna = make_match(need, make_volunteer(first_name="Anna", last_name="Berg"))
    pia = make_match(need, make_volunteer(first_name="Pernille", last_name="Qvist"), state="placed")
    response = _refuse(logged_in, need, [anna, pia])
    draft = _session(app, logged_in)["bulk_draft"]
    for name in ("Pernille", "Qvist", "Anna", "Berg"):
        assert name not in str(draft)
    assert [row[0] for row in draft["rows"]] == [pia.id]
    # The page rebuilds the message with the name.
    html = logged_in.get(response.location).get_data(as_text=True)
    assert "Pernille Qvist: " in html


def test_an_old_draft_is_dropped(app, logged_in, make_need, make_volunteer, make_match):
    need = make_need()
    pia = make_match(need, make_volunteer(first_name="Pernille", last_name="Qvist"), state="placed")
    response = _refuse(logged_in, need, [pia])
    with logged_in.session_transaction() as session:
        session["bulk_draft"]["at"] -= 11 * 60
    html = logged_in.get(response.location).get_data(as_text=True)
    assert "Pernille Qvist: " not in html and "Har ikke tid" not in html
    assert "bulk_draft" not in _session(app, logged_in)


def test_long_text_is_shown_again_at_once_rather_than_risk_it(
    logged_in, make_need, make_volunteer, make_match
):
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
