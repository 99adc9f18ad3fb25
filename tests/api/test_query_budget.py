"""The API's list pages cost a fixed number of queries, however many rows a page holds: the
lists serve syncs of 100,000 volunteers, 200 rows a page."""

import pytest
from sqlalchemy import event

from crm.contacts.services import log_contact
from crm.models import ExperienceEntry, NeedCountry, VolunteerCountry, VolunteerLanguage
from tests.consultant.factories import add_match

LISTS = ("volunteers", "needs", "projects", "matches", "contacts")


def _queries(db, api, url: str) -> int:
    statements = []

    def record(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        response = api.get(url)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert response.status_code == 200
    return len(statements)


def _add(db, make_need, make_volunteer, make_project, n: int) -> None:
    """n of everything: projects with a need each, volunteers with a profile, a match and a
    contact each."""
    for i in range(n):
        need = make_need(project=make_project(title=f"P{i}"), skills=(("campaigning", 2, 1),))
        need.countries = [NeedCountry(code="KE")]
        volunteer = make_volunteer(first_name=f"V{i}")
        volunteer.languages = [VolunteerLanguage(code="en", level="B2")]
        volunteer.countries = [VolunteerCountry(code="KE")]
        volunteer.experience = [ExperienceEntry(description="Kampagner")]
        add_match(need, volunteer)
        log_contact(volunteer.id, None, "phone", "Ringede")
    db.session.commit()


@pytest.mark.parametrize("name", LISTS)
def test_a_list_page_costs_the_same_queries_for_two_rows_as_for_twelve(
    api, db, make_need, make_volunteer, make_project, name
):
    _add(db, make_need, make_volunteer, make_project, 2)
    api.get("/api/v1/needs")  # the token's first use of the minute is written once
    few = _queries(db, api, f"/api/v1/{name}?limit=200")
    _add(db, make_need, make_volunteer, make_project, 10)
    many = _queries(db, api, f"/api/v1/{name}?limit=200")
    assert many == few
