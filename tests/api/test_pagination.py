"""Lists page by (updated_at, id) with a cursor: links in the body and the Link header, the
same rows forwards and backwards, updated_since for incremental sync, bad parameters named."""

import base64
import json
from datetime import timedelta

import pytest
from sqlalchemy import update

from crm.database import utcnow
from crm.volunteers.models import Volunteer

FIVE = 5


@pytest.fixture()
def volunteers(db, make_volunteer):
    """Five volunteers changed a day apart, oldest first; their ids in that order."""
    made = [make_volunteer(first_name=f"V{n}") for n in range(FIVE)]
    start = utcnow() - timedelta(days=10)
    for n, volunteer in enumerate(made):
        db.session.execute(
            update(Volunteer)
            .where(Volunteer.id == volunteer.id)
            .values(updated_at=start + timedelta(days=n))
        )
    db.session.commit()
    return [v.id for v in made], start


def _forged(moment: str, row_id) -> str:
    """A cursor in our encoding with a value we would never give out."""
    raw = json.dumps(["a", moment, row_id]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _ids(response) -> list[int]:
    return [row["id"] for row in response.get_json()["data"]]


def test_pages_forwards_and_backwards_with_links(api, volunteers):
    ids, _start = volunteers
    first = api.get("/api/v1/volunteers?limit=2")
    assert _ids(first) == ids[:2]
    links = first.get_json()["links"]
    assert links["self"] == "/api/v1/volunteers?limit=2"
    assert links["prev"] is None and links["next"]
    assert first.headers["Link"] == f'<{links["next"]}>; rel="next"'
    second = api.get(links["next"])
    assert _ids(second) == ids[2:4]
    assert f'<{second.get_json()["links"]["prev"]}>; rel="prev"' in second.headers["Link"]
    last = api.get(second.get_json()["links"]["next"])
    assert _ids(last) == ids[4:]
    assert last.get_json()["links"]["next"] is None
    back = api.get(last.get_json()["links"]["prev"])
    assert _ids(back) == ids[2:4]
    assert _ids(api.get(back.get_json()["links"]["prev"])) == ids[:2]


def test_a_row_changed_while_paging_moves_to_the_end_and_is_not_lost(api, db, volunteers):
    ids, _start = volunteers
    first = api.get("/api/v1/volunteers?limit=2")
    changed = db.session.get(Volunteer, ids[0])
    changed.city = "Odense"
    db.session.commit()
    rest = []
    url = first.get_json()["links"]["next"]
    while url:
        page = api.get(url)
        rest += _ids(page)
        url = page.get_json()["links"]["next"]
    assert rest == [*ids[2:], ids[0]]


def test_updated_since_gives_only_what_changed(api, volunteers):
    ids, start = volunteers
    since = (start + timedelta(days=3)).isoformat()
    response = api.get("/api/v1/volunteers", query_string={"updated_since": since})
    assert _ids(response) == ids[3:]
    assert _ids(api.get("/api/v1/volunteers?updated_since=2099-01-01T00:00:00Z")) == []
    in_zulu = (start + timedelta(days=4)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    assert _ids(api.get("/api/v1/volunteers", query_string={"updated_since": in_zulu})) == ids[4:]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("limit=201", "limit"),
        ("limit=ten", "limit"),
        ("cursor=not-ours", "cursor"),
        ("updated_since=yesterday", "updated_since"),
        ("updated_since=0001-01-01T00:00:00%2B01:00", "updated_since"),  # before year 1 in UTC
        ("updated_since=9999-12-31T23:00:00-05:00", "updated_since"),  # after 9999 in UTC
        (f"cursor={_forged('0001-01-01T00:00:00+01:00', 1)}", "cursor"),
        (f"cursor={_forged('2026-01-01T00:00:00+00:00', 10**30)}", "cursor"),
        (f"cursor={_forged('2026-01-01T00:00:00+00:00', 1.5)}", "cursor"),
        ("state=maybe", "state"),
        ("need_id=x", "need_id"),
        ("sort=name", "sort"),
    ],
)
def test_a_bad_parameter_is_named(api, query, parameter):
    response = api.get(f"/api/v1/matches?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == "bad_parameter" and error["parameter"] == parameter
    assert parameter in error["message"]


def test_the_page_size_is_capped_and_defaults_to_fifty(api, db, make_volunteer):
    for _ in range(51):
        db.session.add(Volunteer(email="x@example.org", first_name="X"))
    db.session.commit()
    assert len(_ids(api.get("/api/v1/volunteers"))) == 50
    assert len(_ids(api.get("/api/v1/volunteers?limit=200"))) == 51
