"""Hostile values in every query parameter, form field and URL never give a server error.

The walk (tests/hostile_walk.py) visits every rule in app.url_map as an anonymous user, a
consultant, a branch contact and a volunteer, learns which parameters each view reads (the
request records the names it is asked for) and which fields its forms hold (parsed from the
rendered pages), then sends NUL
bytes, control characters, 100 KB strings, '²', huge and negative integers, emoji and HTML/SQL
fragments.
"""

from urllib.parse import quote, urlencode

import pytest
from flask import got_request_exception
from sqlalchemy import select

from crm.auth.models import Role
from crm.converters import OutOfRange, read_int
from crm.extensions import db as _db
from crm.mail import build_message
from crm.models import (
    Need,
    Project,
    Volunteer,
)
from tests.conftest import PASSWORD
from tests.hostile_walk import ROLES, RecordingRequest, Walk, walked_rules

FIXED_ROLES = ("anonymous", "consultant", "admin", "branch contact", "volunteer")
"""The fixed values go in as these; the drawn ones of test_hostile_hypothesis.py as every role."""


def test_no_hostile_value_gives_a_server_error(app, client, auth, hostile_world, monkeypatch):
    monkeypatch.setattr(app, "request_class", RecordingRequest)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)
    walk = Walk(app, client, auth, hostile_world)
    rules = walked_rules(app)
    with got_request_exception.connected_to(walk.record, app):
        for role, email in [(r, e) for r, e in ROLES if r in FIXED_ROLES]:
            walk.as_role(role, email)
            walk.walk_gets([r for r in rules if "GET" in r.methods])
            walk.walk_posts([r for r in rules if "POST" in r.methods])
    assert not walk.failures, "\n".join(walk.failures)
    unreached = {r.endpoint for r in rules if "GET" in r.methods} - walk.answered
    assert not unreached, f"no role could open these pages: {sorted(unreached)}"
    unfuzzed = {r.endpoint for r in rules if "POST" in r.methods} - walk.fuzzed
    assert not unfuzzed, f"no form or field names found for: {sorted(unfuzzed)}"


# One by one, each class of hostile input with what the user is told.

CONTROL = "usynlige kontroltegn"
"""From the Danish page that refuses control characters."""


@pytest.fixture()
def consultant(make_user, auth):
    """A logged-in consultant."""
    user = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user


@pytest.fixture()
def mette(make_volunteer, auth):
    """A logged-in volunteer."""
    volunteer = make_volunteer(email="mette@example.org", first_name="Mette", last_name="Hansen")
    auth.login(volunteer.email)
    return volunteer


def stored(volunteer) -> Volunteer:
    _db.session.expire_all()
    return _db.session.get(Volunteer, volunteer.id)


def contact_step(volunteer, **fields) -> dict:
    data = {"first_name": "Mette", "last_name": "Hansen", "phone": "", "city": "Aarhus"}
    return {"version": stored(volunteer).version, **data, **fields}


def test_a_nul_byte_in_a_profile_name_is_refused_with_a_message(client, mette):
    response = client.post("/me/profile/contact", data=contact_step(mette, first_name="Me\x00"))
    assert response.status_code == 400
    assert CONTROL in response.get_data(as_text=True)
    assert stored(mette).first_name == "Mette"


@pytest.mark.parametrize(
    "url",
    [
        "/contacts/calendar/%00.ics",
        "/consultant/volunteers?q=Mette%00",
        "/consultant/volunteers?q%01=Mette",
        "/projects/?status=%1b",
    ],
)
def test_control_characters_in_the_url_are_refused_with_a_message(client, consultant, url):
    response = client.get(url)
    assert response.status_code == 400
    assert CONTROL in response.get_data(as_text=True)


def test_a_nul_byte_in_a_project_description_is_refused(client, consultant):
    data = {"title": "Kenya", "summary": "Lokal\x00demokrati", "status": "active"}
    response = client.post("/projects/new", data=data)
    assert response.status_code == 400 and CONTROL in response.get_data(as_text=True)
    assert _db.session.scalar(select(Project)) is None


@pytest.mark.parametrize(
    "field, value", [("first_name", "Mette\rHansen"), ("city", "Aar\nhus"), ("phone", "12\t34")]
)
def test_line_breaks_in_single_line_profile_fields_are_field_errors(client, mette, field, value):
    response = client.post("/me/profile/contact", data=contact_step(mette, **{field: value}))
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error"' in html and "Skriv det på én linje" in html
    assert stored(mette).city == ""


def test_a_text_area_keeps_its_line_breaks(client, mette):
    version = stored(mette).version
    data = {"version": version, "motivation": "Første linje\r\n\tAnden linje"}
    assert client.post("/me/profile/motivation", data=data).status_code == 302
    assert "Anden linje" in stored(mette).motivation


def test_a_carriage_return_in_a_stored_name_does_not_stop_the_e_mail(
    client, consultant, make_volunteer, outbox
):
    ann = make_volunteer(first_name="Ann\rBcc: x@example.org", last_name="Lee")
    response = client.post(
        f"/consultant/volunteers/{ann.id}/email",
        data={"subject": "Hej {first_name}", "body": "Kære {first_name}"},
    )
    assert response.status_code == 302
    message = outbox.messages()[-1]
    assert message["Subject"] == "Hej Ann Bcc: x@example.org"
    assert message["Bcc"] is None and message["To"] == ann.email


def test_every_header_of_a_built_message_is_on_one_line(app):
    with app.app_context():
        message = build_message("a@example.org\n", "Hej\r\nBcc: x@example.org\u2028!", "Krop")
    assert message["Subject"] == "Hej Bcc: x@example.org !" and message["Bcc"] is None
    assert b"\r\nBcc:" not in bytes(message)


@pytest.mark.parametrize("query", ["branch=2147483648", "branch=²", "branch=-1"])
def test_an_unreadable_branch_filter_is_left_out(client, consultant, mette, query):
    response = client.get("/consultant/volunteers?" + query)
    assert response.status_code == 200
    assert "Mette" in response.get_data(as_text=True)


@pytest.mark.parametrize("page", ["99999999999999", "-99999999999999999999", "9" * 4000, "²"])
def test_huge_or_odd_page_numbers_are_not_errors(client, consultant, page):
    for url in ("/consultant/volunteers", "/contacts/follow-ups", "/projects/"):
        assert client.get(f"{url}?page={page}").status_code == 200, url


def test_odd_ids_in_the_record_links_are_ignored(client, consultant, mette):
    for query in ("need=2147483648&match=²", "need=-1&match=99999999999999999999"):
        assert client.get(f"/consultant/volunteers/{mette.id}?{query}").status_code == 200


def test_a_superscript_digit_as_an_experience_row_id_is_not_an_error(client, mette):
    data = {
        "version": stored(mette).version,
        "entries-0-id": "²",
        "entries-0-area": "campaigning",
        "entries-0-level": "2",
        "entries-0-years": "²",
    }
    response = client.post("/me/profile/experience", data=data)
    assert response.status_code == 422
    assert "Skriv et helt tal." in response.get_data(as_text=True)
    data["entries-0-years"] = "3"
    assert client.post("/me/profile/experience", data=data).status_code == 302
    assert [(e.area, e.years) for e in stored(mette).experience] == [("campaigning", 3)]


@pytest.mark.parametrize("index", ["²", "٣"])
def test_an_odd_row_index_in_a_field_name_is_a_bad_request(client, mette, index):
    data = {"version": stored(mette).version, f"entries-{index}-area": "campaigning"}
    assert client.post("/me/profile/experience", data=data).status_code == 400
    assert stored(mette).experience == []


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("hours_per_month", "2147483648", "Tallet er for stort."),
        ("seats", "99999999999999999999", "Tallet er for stort."),
        ("seats", "²", "Skriv et helt tal."),
    ],
)
def test_numbers_beyond_the_database_are_field_errors(
    client, consultant, make_project, field, value, message
):
    project = make_project()
    data = {"title": "Træner", "status": "open", "seats": "1", field: value}
    html = client.post(f"/projects/{project.id}/needs/new", data=data).get_data(as_text=True)
    assert f'id="{field}-error"' in html and message in html
    assert _db.session.scalar(select(Need)) is None


def test_a_100_kb_query_gets_a_short_answer_not_a_huge_redirect(client, db):
    for url in ("/login?next=/" + "x" * 100_000, "/me/?q=" + "x" * 100_000):
        response = client.get(url)
        assert response.status_code == 414, url
        assert "Location" not in response.headers
        assert "Adressen er for lang" in response.get_data(as_text=True)


def test_the_login_redirect_of_a_long_address_stays_small(client, db):
    assert client.get("/me/?q=" + quote("ø" * 1000)).status_code == 414  # 6000 characters sent
    response = client.get("/me/?q=" + quote("ø" * 600))
    assert response.status_code == 302 and len(response.headers["Location"]) < 8000


def test_a_posted_next_beyond_the_limit_is_not_followed(client, db):
    response = client.post("/language", data={"locale": "en", "next": "/" + "x" * 100_000})
    assert response.status_code == 302 and response.headers["Location"] == "/"


def test_a_long_next_below_the_limit_still_redirects_after_login(client, make_user):
    make_user(Role.CONSULTANT, email="k@example.org")
    target = "/consultant/volunteers?q=" + "x" * 3000
    response = client.post(
        "/login?" + urlencode({"next": target}),
        data={"email": "k@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302 and response.headers["Location"] == target


@pytest.mark.parametrize(
    "text, expected",
    [("42", 42), (" 7 ", 7), ("-2147483648", -(2**31)), ("2147483647", 2**31 - 1)],
)
def test_read_int_takes_plain_numbers_in_range(text, expected):
    assert read_int(text) == expected


@pytest.mark.parametrize("text", ["²", "٣", "1_000", "", "+", "1.0", "0x10", None])
def test_read_int_refuses_what_is_not_plain_digits(text):
    with pytest.raises(ValueError):
        read_int(text)


@pytest.mark.parametrize("text", ["2147483648", "-2147483649", "9" * 5000])
def test_read_int_refuses_numbers_beyond_32_bits(text):
    with pytest.raises(OutOfRange):
        read_int(text)
