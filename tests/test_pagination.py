"""Every paginated list draws the same pager: numbered, current page marked, filters kept."""

import re
from datetime import date

import pytest

from crm.auth.models import Role
from crm.database import utcnow
from crm.models import ContactLogEntry, FollowUp, Match, Volunteer
from crm.pagination import Page


@pytest.mark.parametrize(
    ("page", "pages", "numbers"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (3, 10, [1, 2, 3, 4, None, 10]),  # a gap of one page shows that page, not "…"
        (10, 10, [1, None, 9, 10]),
        (12, 10, [1, None, 10]),  # a page past the end still links back to the list
    ],
)
def test_pager_numbers_show_first_last_and_neighbours(page, pages, numbers):
    assert Page([], page, 10, pages * 10).numbers() == numbers


def test_an_empty_list_has_one_page():
    empty = Page([], 1, 25, 0)
    assert (empty.pages, empty.has_prev, empty.has_next, empty.first) == (1, False, False, 1)


def _volunteers(db, count: int) -> list[Volunteer]:
    people = [
        Volunteer(first_name=f"Navn{n:02d}", last_name="Hansen", email=f"v{n}@example.org")
        for n in range(count)
    ]
    db.session.add_all(people)
    db.session.commit()
    return people


@pytest.fixture()
def consultant(make_user, auth):
    user = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user


def _search(db, consultant, make_need):
    _volunteers(db, 26)
    return "/consultant/volunteers?q=hansen&sort=name", ("q=hansen", "sort=name")


def _follow_ups(db, consultant, make_need):
    today = date.today()
    db.session.add_all(
        FollowUp(owner_id=consultant.id, due_date=today, note=f"Ring {n}") for n in range(51)
    )
    db.session.commit()
    return "/contacts/follow-ups?owner=all&status=open", ("owner=all", "status=open")


def _timeline(db, consultant, make_need):
    (volunteer,) = _volunteers(db, 1)
    db.session.add_all(
        ContactLogEntry(
            volunteer_id=volunteer.id,
            author_id=consultant.id,
            channel="phone",
            summary=f"Opkald {n}",
            at=utcnow(),
        )
        for n in range(26)
    )
    db.session.commit()
    need = make_need()
    return f"/consultant/volunteers/{volunteer.id}?need={need.id}", (f"need={need.id}",)


def _candidates(db, consultant, make_need):
    need = make_need()
    db.session.add_all(
        Match(need_id=need.id, volunteer_id=v.id, score=50.0, explanation=[])
        for v in _volunteers(db, 26)
    )
    db.session.commit()
    return f"/consultant/needs/{need.id}?tab=suggested", ("tab=suggested",)


@pytest.mark.parametrize("listing", [_search, _follow_ups, _timeline, _candidates])
def test_every_paginated_page_has_the_one_pager(client, db, consultant, make_need, listing):
    url, kept = listing(db, consultant, make_need)
    html = client.get(url + "&page=2").get_data(as_text=True)
    (nav,) = re.findall(r'<nav class="pagination" aria-label="Sider">.*?</nav>', html, re.S)
    assert "Side 2 af 2" in nav
    links = re.findall(r'<a [^>]*href="([^"]+)"[^>]*>', nav)
    assert len(links) == 3  # previous, 1, 2 (the last page has no "next")
    for link in links:  # the list's filters stay in every link
        assert all(arg in link for arg in kept), link
    current = re.findall(r'<a [^>]*aria-current="page"[^>]*>(\d+)</a>', nav)
    assert current == ["2"]
    assert 'aria-label="Side 1"' in nav and 'rel="prev"' in nav and 'rel="next"' not in nav
