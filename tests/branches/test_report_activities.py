"""The branch page "What our members did abroad" is fed by approved activity reports: members who
share by name with their activities, the others only as totals of at least 3, never another
branch's members and never a report that is only submitted."""

import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from crm.activities.models import ActivityReport
from crm.audit.models import AuditEvent
from crm.auth.models import Role
from crm.extensions import db
from crm.models import Need
from tests.conftest import PASSWORD
from tests.consultant.factories import add_match


def login(client, user):
    client.post("/login", data={"email": user.email, "password": PASSWORD})


def figures(page: str) -> list[str]:
    return re.findall(r'data-others="([^"]+)"', page)


def add_report(match, status="approved", **fields) -> ActivityReport:
    need = db.session.get(Need, match.need_id)
    fields.setdefault("started_on", date(2027, 3, 10))
    fields.setdefault("activity_type", "training")
    report = ActivityReport(
        match_id=match.id,
        volunteer_id=match.volunteer_id,
        project_id=need.project_id,
        status=status,
        approved_at=datetime(2027, 4, 1, tzinfo=UTC) if status == "approved" else None,
        **fields,
    )
    db.session.add(report)
    db.session.commit()
    return report


@pytest.fixture()
def world(make_branch, make_user, make_project, make_need, add_member):
    """Branch A: Sofie shares (one approved report, one submitted), ten who do not; branch B: a
    sharing member with an approved report."""
    a = make_branch(name="Aarhus Øst")
    b = make_branch(name="Odense Syd", municipality="Odense")
    contact = make_user(Role.BRANCH_CONTACT, branch_id=a.id)
    kenya = make_need(project=make_project(title="Lokaldemokrati i Kenya"), title="Træner")
    sofie = add_member(a, "Sofie", "Delersen", share=True)
    placement = add_match(kenya, sofie, state="completed")
    add_report(
        placement,
        country="KE",
        activity_type="workshop",
        started_on=date(2027, 3, 10),
        ended_on=date(2027, 3, 12),
        days=3,
        participants=24,
        participants_women=15,
        participants_young=9,
        description="Fortrolig beskrivelse",
    )
    add_report(placement, status="submitted", activity_type="study_trip", days=5)
    # ten who do not share: three with approved reports, one with a submitted report only, two
    # more placed and four not involved, so that the reporting three are a printable group
    hidden = [add_member(a, f"Skjult{n}", f"Tavsholm{n}") for n in range(10)]
    for n, person in enumerate(hidden[:3]):
        add_report(add_match(kenya, person, state="placed"), days=2, hours=n, participants=10)
    add_report(add_match(kenya, hidden[3], state="placed"), status="submitted", days=40)
    for person in hidden[4:6]:
        add_match(kenya, person, state="completed")
    fremmed = add_member(b, "Fremmed", "Fjernholm", share=True)
    add_report(add_match(kenya, fremmed, state="completed"), activity_type="mentoring")
    return contact, sofie, hidden, fremmed


def activities_section(page: str) -> str:
    start = page.index('id="activities"')
    return page[start : page.index("</section>", start)]


def test_members_who_share_are_named_with_their_approved_activities(client, world):
    contact, sofie, _hidden, _fremmed = world
    login(client, contact)
    response = client.get("/branch/report")
    assert response.status_code == 200
    section = activities_section(response.get_data(as_text=True))
    assert "Sofie Delersen" in section and "Lokaldemokrati i Kenya" in section
    assert "Kenya" in section and "Workshop" in section
    assert "10. mar. 2027–12. mar. 2027" in section and "3 dage" in section
    assert "24" in section and "15 kvinder" in section and "9 unge" in section
    assert "Fortrolig beskrivelse" not in section  # the description stays with the office
    assert "Studierejse" not in section  # her submitted report is not shown
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.volunteer_id == sofie.id)).all()
    assert any(e.details.get("page") == "branch_report" for e in events)


def test_the_others_are_only_totals_of_at_least_three_and_never_submitted(client, world):
    contact, _sofie, hidden, fremmed = world
    login(client, contact)
    page = client.get("/branch/report").get_data(as_text=True)
    section = activities_section(page)
    for person in [*hidden, fremmed]:
        assert person.last_name not in page
    assert figures(section) == ["3"]
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", section))
    # 3 approved reports of 2 days each and 0 + 1 + 2 hours; the submitted 40 days are left out
    assert "3 aktiviteter, 6 dage og 3 timer i alt, 30 deltagere nået" in text
    assert "40" not in text


def test_fewer_than_three_others_show_no_totals(client, world):
    contact, _sofie, hidden, _fremmed = world
    report = db.session.scalar(
        select(ActivityReport).where(ActivityReport.volunteer_id == hidden[0].id)
    )
    report.status = "submitted"
    db.session.commit()
    login(client, contact)
    section = activities_section(client.get("/branch/report").get_data(as_text=True))
    assert figures(section) == ["under"]
    assert "aktiviteter" not in re.sub(r"<[^>]+>", "", section).split("godkendte aktiviteter")[-1]


def test_another_branch_sees_none_of_this_branch(client, world, make_user):
    _contact, sofie, _hidden, fremmed = world
    other = make_user(Role.BRANCH_CONTACT, branch_id=fremmed.branch_id)
    login(client, other)
    section = activities_section(client.get("/branch/report").get_data(as_text=True))
    assert "Fremmed Fjernholm" in section and "Mentorforløb" in section
    assert "Sofie Delersen" not in section and "Workshop" not in section
    assert figures(section) == ["under"]
