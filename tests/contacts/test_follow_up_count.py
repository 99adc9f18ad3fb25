"""The follow-up list's count (on the follow-up table alone) agrees with the rows it lists."""

from datetime import date, timedelta

import pytest

from crm.auth.models import Role
from crm.contacts.services import (
    FollowUpFilters,
    count_follow_ups,
    follow_up_query,
    local_today,
)
from crm.extensions import db
from tests.consultant.factories import add_follow_up

FILTERS = [
    FollowUpFilters(),
    FollowUpFilters(owner="all"),
    FollowUpFilters(status="done"),
    FollowUpFilters(owner="all", status="all", overdue=True),
    FollowUpFilters(owner="all", status="all", due_to=date.today() + timedelta(days=1)),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_count_matches_rows(consultant, make_user, make_volunteer, filters):
    colleague = make_user(Role.CONSULTANT, name="Kurt")
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    today = local_today()
    add_follow_up(consultant, today - timedelta(days=2), mette, note="gammel")
    add_follow_up(consultant, today + timedelta(days=5), None, note="uden frivillig")
    add_follow_up(consultant, today - timedelta(days=9), mette, note="klaret", done=True)
    add_follow_up(colleague, today, mette, note="kollega")
    rows = db.session.execute(follow_up_query(filters, consultant.id, today)).all()
    assert count_follow_ups(filters, consultant.id, today) == len(rows)
    dates = [fu.due_date for fu, *_names in rows]
    if filters.owner == "mine":
        assert dates == sorted(dates)


def test_page_shows_the_count(client, consultant, make_volunteer):
    mette = make_volunteer(first_name="Mette", last_name="Hansen")
    for days in range(3):
        add_follow_up(consultant, local_today() + timedelta(days=days), mette)
    assert "3 opfølgninger" in client.get("/contacts/follow-ups").get_data(as_text=True)
