"""The need's candidate page and its actions, as a consultant works through them."""

import re
from datetime import date

import pytest
from sqlalchemy import func, select

from crm.auth.models import Role
from crm.models import Match, MatchTransition
from tests.conftest import AuthActions

from .conftest import FACTORS, words


@pytest.fixture()
def logged_in(client, auth, consultant):
    auth.login(consultant.email)
    return client


def fresh(db, match):
    db.session.expire_all()
    return db.session.get(Match, match.id)


def test_candidates_page_shows_ranked_explained_candidates_and_excluded(
    logged_in, make_need, make_volunteer, make_match, db
):
    need = make_need(title="Træner i lokaldemokrati")
    make_match(need, make_volunteer(first_name="Bo", last_name="Berg"), score=40)
    best = make_match(need, make_volunteer(first_name="Anna", last_name="Hansen"), score=87.5)
    make_match(need, make_volunteer(first_name="Ole", last_name="Udelukket"), excluded=True)
    make_match(need, make_volunteer(first_name="Sif", last_name="Valgt"), state="shortlisted")
    page = logged_in.get(f"/consultant/needs/{need.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.index("Anna Hansen") < html.index("Bo Berg")
    assert "Ole Udelukket" not in html and "Sif Valgt" not in html
    assert f'href="/consultant/volunteers/{best.volunteer_id}?need={need.id}"' in html
    text = words(html)
    assert "Lokaldemokrati og kommunalpolitik: niveau 4, behov mindst 2: 32 af 40 point" in text
    assert "Kender Kenya: 10 af 10 point" in text
    assert "87,5" in html and "God match" in html  # the number first, the band beside it
    assert f'href="/consultant/needs/{need.id}/email"' in html
    assert f'href="/consultant/needs/{need.id}/candidates.csv"' in html
    assert "1 frivillig er udelukket af et skarpt krav." in html
    excluded = logged_in.get(f"/consultant/needs/{need.id}?tab=excluded").get_data(as_text=True)
    assert "Ole Udelukket" in excluded and "Anna Hansen" not in excluded
    assert "Kræver engelsk på mindst B2; taler det på A2" in excluded
    assert "Shortlist alligevel" in excluded or "Sæt på shortlisten alligevel" in excluded
    shortlisted = logged_in.get(f"/consultant/needs/{need.id}?tab=shortlisted")
    assert "Sif Valgt" in shortlisted.get_data(as_text=True)


def test_candidates_page_in_english_and_paginated(
    logged_in, consultant, make_need, make_volunteer, make_match, db
):
    need = make_need()
    for n in range(27):
        make_match(need, make_volunteer(last_name=f"Nr{n:02d}"), score=100 - n)
    logged_in.post("/language", data={"locale": "en"})
    first = logged_in.get(f"/consultant/needs/{need.id}").get_data(as_text=True)
    assert (
        "Local democracy and local government: level 4, at least 2 needed: 32 of 40 points"
        in words(first)
    )
    assert "Page 1 of 2" in first and "Nr00" in first and "Nr25" not in first
    second = logged_in.get(f"/consultant/needs/{need.id}?page=2").get_data(as_text=True)
    assert "Nr25" in second and "Nr26" in second and "Nr00" not in second


def test_one_click_forward_step_stores_history(logged_in, setup, consultant, db):
    need, _volunteer, match = setup
    response = logged_in.post(
        f"/consultant/needs/{need.id}/matches/{match.id}/next",
        data={"to_state": "shortlisted", "version": match.version, "tab": "suggested"},
    )
    assert response.status_code == 302
    assert fresh(db, match).state == "shortlisted"
    step = db.session.scalar(select(MatchTransition))
    assert (step.user_id, step.from_state, step.to_state) == (
        consultant.id,
        "suggested",
        "shortlisted",
    )


def test_refused_transition_and_missing_reason_are_shown_and_keep_the_note(logged_in, setup, db):
    need, _volunteer, match = setup
    url = f"/consultant/needs/{need.id}/matches/{match.id}"
    assert logged_in.get(url).status_code == 200
    refused = logged_in.post(url, data={"to_state": "placed", "version": match.version})
    assert refused.status_code == 400
    assert fresh(db, match).state == "suggested"
    missing = logged_in.post(
        url, data={"to_state": "not_suitable", "version": match.version, "note": "Vigtig note"}
    )
    html = missing.get_data(as_text=True)
    assert missing.status_code == 400
    assert "Vælg en begrundelse" in html and "Vigtig note" in html
    assert 'id="reason_code-error"' in html  # next to the field
    unknown = logged_in.post(
        url, data={"to_state": "not_suitable", "version": match.version, "reason_code": "busy"}
    )
    assert unknown.status_code == 400 and 'id="reason_code-error"' in unknown.get_data(True)
    done = logged_in.post(
        url,
        data={
            "to_state": "not_suitable",
            "version": match.version,
            "reason_code": "level",
            "reason": "Mangler erfaring",
        },
    )
    assert done.status_code == 302
    step = db.session.scalar(select(MatchTransition))
    assert (step.reason_code, step.reason) == ("level", "Mangler erfaring")
    page = logged_in.get(url).get_data(as_text=True)
    assert "For lavt erfaringsniveau – Mangler erfaring" in page  # the history, in Danish


def test_two_consultants_the_second_gets_a_conflict(app, setup, consultant, make_user, db):
    need, _volunteer, match = setup
    other = make_user(Role.CONSULTANT, email="kollega@example.org")
    first, second = app.test_client(), app.test_client()
    AuthActions(first).login(consultant.email)
    AuthActions(second).login(other.email)
    seen = match.version
    url = f"/consultant/needs/{need.id}/matches/{match.id}"
    assert first.post(url, data={"to_state": "shortlisted", "version": seen}).status_code == 302
    late = second.post(
        url, data={"to_state": "not_suitable", "version": seen, "reason": "For lidt erfaring"}
    )
    assert late.status_code == 409
    assert "En anden har ændret" in late.get_data(as_text=True)
    assert "For lidt erfaring" in late.get_data(as_text=True)  # nothing typed is lost
    assert fresh(db, match).state == "shortlisted"
    assert db.session.scalar(select(func.count()).select_from(MatchTransition)) == 1
    quick = second.post(url + "/next", data={"to_state": "shortlisted", "version": seen})
    assert quick.status_code == 302
    assert fresh(db, match).state == "shortlisted"


def test_bulk_action_moves_all_selected_or_none(
    logged_in, make_need, make_volunteer, make_match, db
):
    need = make_need()
    a = make_match(need, make_volunteer(first_name="Anna", last_name="Berg"))
    b = make_match(need, make_volunteer(first_name="Bo", last_name="Dam"))
    placed = make_match(
        need, make_volunteer(first_name="Pia", last_name="Placeret"), state="placed"
    )
    url = f"/consultant/needs/{need.id}/matches/bulk"
    refused = logged_in.post(
        url,
        data={
            "match": [f"{a.id}:{a.version}", f"{placed.id}:{placed.version}"],
            "to_state": "shortlisted",
            "note": "Første runde",
        },
    )
    assert refused.status_code == 400  # the page again, with what was typed and why
    html = refused.get_data(as_text=True)
    assert "Intet blev ændret" in html and "Pia Placeret" in html and "Første runde" in html
    assert fresh(db, a).state == "suggested"
    assert logged_in.post(url, data={"to_state": "shortlisted"}).status_code == 400
    done = logged_in.post(
        url,
        data={"match": [f"{a.id}:{a.version}", f"{b.id}:{b.version}"], "to_state": "shortlisted"},
        follow_redirects=True,
    )
    assert "2 kandidater flyttet til “Shortlistet”: Anna Berg og Bo Dam." in done.get_data(
        as_text=True
    )
    assert [fresh(db, m).state for m in (a, b)] == ["shortlisted", "shortlisted"]


def test_overlapping_placement_warns_and_place_anyway_confirms(
    logged_in, make_need, make_volunteer, make_match, db
):
    volunteer = make_volunteer()
    first = make_need(
        title="Valgobservatør i Kenya", period_from=date(2027, 1, 1), period_to=date(2027, 4, 30)
    )
    make_match(first, volunteer, state="placed")
    need = make_need(period_from=date(2027, 3, 1), period_to=date(2027, 6, 30))
    match = make_match(need, volunteer, state="interested")
    url = f"/consultant/needs/{need.id}/matches/{match.id}"
    warned = logged_in.post(url + "/next", data={"to_state": "placed", "version": match.version})
    html = warned.get_data(as_text=True)
    assert warned.status_code == 200
    assert "Valgobservatør i Kenya" in html and "Placér alligevel" in html
    assert 'name="confirm" type="hidden" value="overlap"' in html
    assert fresh(db, match).state == "interested"
    placed = logged_in.post(
        url, data={"to_state": "placed", "version": match.version, "confirm": "overlap"}
    )
    assert placed.status_code == 302
    assert fresh(db, match).state == "placed"


def test_override_of_an_excluded_candidate_asks_and_is_recorded(
    logged_in, make_need, make_volunteer, make_match, db
):
    need = make_need()
    match = make_match(need, make_volunteer(), excluded=True)
    url = f"/consultant/needs/{need.id}/matches/{match.id}"
    asked = logged_in.post(url, data={"to_state": "shortlisted", "version": match.version})
    assert asked.status_code == 200 and "Kræver engelsk" in asked.get_data(as_text=True)
    assert fresh(db, match).state == "suggested"
    done = logged_in.post(
        url,
        data={
            "to_state": "shortlisted",
            "version": match.version,
            "confirm": "override",
            "note": "Taler flydende fransk",
        },
    )
    assert done.status_code == 302
    assert fresh(db, match).override
    step = db.session.scalar(select(MatchTransition))
    assert "Tilsidesat" in step.note and "Taler flydende fransk" in step.note
    history = logged_in.get(url).get_data(as_text=True)
    assert (
        "Taler flydende fransk" in history and "Sat på shortlisten ved tilsidesættelse" in history
    )


def _routes(need_id, match_id):
    base = f"/consultant/needs/{need_id}"
    return [
        ("get", base),
        ("get", f"{base}?tab=excluded"),
        ("get", f"{base}/matches/{match_id}"),
        ("post", f"{base}/matches/{match_id}"),
        ("post", f"{base}/matches/{match_id}/next"),
        ("post", f"{base}/matches/bulk"),
    ]


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.BRANCH_CONTACT])
def test_volunteers_and_branch_contacts_get_403_everywhere(
    client, auth, make_user, setup, db, role
):
    need, _volunteer, match = setup
    user = make_user(role)
    auth.login(user.email)
    for method, url in _routes(need.id, match.id):
        data = {"to_state": "shortlisted", "version": match.version, "match": [f"{match.id}:1"]}
        response = getattr(client, method)(url, data=data) if method == "post" else client.get(url)
        assert response.status_code == 403, url
    assert fresh(db, match).state == "suggested"


def test_anonymous_visitors_are_sent_to_log_in(client, setup):
    need, _volunteer, match = setup
    for method, url in _routes(need.id, match.id):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/login" in response.headers["Location"]


def test_unknown_need_and_a_match_of_another_need_are_404(logged_in, setup, make_need):
    need, _volunteer, match = setup
    other = make_need()
    assert logged_in.get("/consultant/needs/999999").status_code == 404
    assert logged_in.get(f"/consultant/needs/{other.id}/matches/{match.id}").status_code == 404


def test_bulk_without_a_reason_says_so_once_next_to_the_field(
    logged_in, make_need, make_volunteer, make_match, db
):
    need = make_need()
    a, b = make_match(need, make_volunteer()), make_match(need, make_volunteer())
    response = logged_in.post(
        f"/consultant/needs/{need.id}/matches/bulk",
        data={"match": [f"{a.id}:{a.version}", f"{b.id}:{b.version}"], "to_state": "not_suitable"},
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert html.count("Vælg en begrundelse") == 2  # the summary above the form and the field
    assert 'id="reason_code-error"' in html
    assert [fresh(db, m).state for m in (a, b)] == ["suggested", "suggested"]


def test_a_text_skill_reads_from_the_description_with_a_hint_when_fuzzy(
    logged_in, make_need, make_volunteer, make_match
):
    need = make_need()
    read = {
        "factor": "text_skill",
        "subject": "local-democracy",
        "value": 3,
        "wanted": 2,
        "weight": 3.0,
        "confidence": 0.92,
        "points": 26.5,
        "max_points": 40.0,
    }
    make_match(need, make_volunteer(), explanation=[read])
    text = words(logged_in.get(f"/consultant/needs/{need.id}").get_data(as_text=True))
    assert (
        "Lokaldemokrati og kommunalpolitik: niveau 3 fra beskrivelsen, behov mindst 2 "
        "(læst ud fra et lignende ord): 26,5 af 40 point"
    ) in text
    # no confidence shown (as "92", "0,92" or "92 %"); a name such as Frivillig9259 may hold 92
    assert "sikkert" not in text and not re.search(r"\b(0,)?92\b", text)


def test_a_row_stored_in_an_older_shape_still_renders(
    logged_in, make_need, make_volunteer, make_match
):
    need = make_need()
    old = [
        {"kind": "skill", "subject": "sdgs", "level": 3, "min_level": 2, "points": 5},
        {"factor": "retired_kind", "points": 2},
    ]
    match = make_match(need, make_volunteer(first_name="Gammel"), explanation=[*old, FACTORS[2]])
    for url in (
        f"/consultant/needs/{need.id}",
        f"/consultant/needs/{need.id}/matches/{match.id}",
    ):
        response = logged_in.get(url)
        assert response.status_code == 200
        text = words(response.get_data(as_text=True))
        assert "Kender Kenya: 10 af 10 point" in text
        assert "En del af forklaringen er gemt af en ældre version" in text
        assert "sdgs" not in text and "retired_kind" not in text
