"""A hand-computed results fixture: one project, its needs, volunteers, placements, approved
and submitted reports in and out of the period, two outcome areas, branches and targets.

The figures each test expects are worked out by hand in the comments below (period: 2027).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from crm.activities.models import ActivityReport, ReportStatus
from crm.auth.models import Role
from crm.extensions import db as _db
from crm.matches.models import Match
from crm.results.models import OutcomeArea, ProjectTarget
from crm.volunteers import consents
from tests.consultant.factories import add_match, add_transition

PERIOD = (date(2027, 1, 1), date(2027, 12, 31))


def at(year: int, month: int, day: int) -> datetime:
    return datetime(year, month, day, 12, tzinfo=UTC)


@dataclass
class World:
    project: object
    other_project: object
    areas: tuple
    volunteers: dict
    reports: dict
    consultant: object


def _report(match, area=None, status=ReportStatus.APPROVED, **fields) -> ActivityReport:
    fields.setdefault("country", "KE")
    fields.setdefault("activity_type", "training")
    report = ActivityReport(
        match_id=match.id,
        volunteer_id=match.volunteer_id,
        project_id=fields.pop("project_id"),
        outcome_area_id=area.id if area else None,
        status=status,
        **fields,
    )
    _db.session.add(report)
    _db.session.commit()
    return report


def _named_consent(volunteer, withdrawn: bool = False) -> None:
    """The volunteer's consent to be named in results reports (withdrawn again when asked), given
    as the report form gives it."""
    consents.set_named_in_reports(volunteer, True)
    if withdrawn:
        consents.set_named_in_reports(volunteer, False)
    _db.session.commit()


@pytest.fixture()
def world(db, make_user, make_volunteer, make_branch, make_project, make_need):
    """Expected for 2027 (worked by hand):
    engaged 3 (v1 shortlisted and placed, v2 placed by its reports, v3 shortlisted then
    declined; v4 moved only in 2026; v5 is on another project); placed 2 (v1, v2).
    Approved reports in 2027 on the project: r1, r2, r3, r6 -> 4 activities, days 3+2 = 5,
    hours 6+4+2 = 12, participants 20+15+10 = 45, women 12+6 = 18, young 8+5 = 13.
    r4 is only submitted, r5 started in 2026, r7 is another project's: none of them count.
    By type: training 2 (30 participants), mentoring 1 (0), workshop 1 (15).
    By area: A1 r1+r3 (2 activities, 5 days, 4 hours, 30 participants, 18 women, 8 young,
    2 volunteers, 2 branches), A2 r2 (1, 0, 6, 15, 0, 5, 1, 1), none r6 (1, 0, 2, 0 ...).
    Branches: Aarhus (v1 placed), Odense (v2 placed), Vejle (offered help in 2027); Aalborg
    offered in 2026 and is not counted. Targets: placed 2 of 4 (50 %), branches 3 of 2 (150 %),
    women in A1 18 of 20 (90 %), hours in A2 6 of 10 (60 %).
    """
    consultant = make_user(Role.CONSULTANT, name="Karen Konsulent")
    aarhus = make_branch(name="Aarhus")
    odense = make_branch(name="Odense")
    vejle = make_branch(name="Vejle")
    aalborg = make_branch(name="Aalborg")
    project = make_project(
        title="Lokaldemokrati i Kenya",
        funder="DIPD",
        budget_line="DIPD-2027-KE",
        start_date=PERIOD[0],
        end_date=PERIOD[1],
    )
    other_project = make_project(title="Andet projekt")
    n1 = make_need(project=project, title="Træner")
    n2 = make_need(project=project, title="Mentor")
    nq = make_need(project=other_project, title="Andet")
    a1 = OutcomeArea(
        name_da="Kvinders og unges politiske lederskab",
        name_en="Women's and young people's political leadership",
        position=1,
    )
    a2 = OutcomeArea(name_da="Stærke partier", name_en="Capable parties", position=2)
    _db.session.add_all([a1, a2])
    _db.session.commit()

    v1 = make_volunteer(first_name="Signe", last_name="Navngiven", branch_id=aarhus.id)
    v2 = make_volunteer(first_name="Ukendt", last_name="Uden-Samtykke", branch_id=odense.id)
    v3 = make_volunteer(first_name="Tredje", last_name="Person", branch_id=aarhus.id)
    v4 = make_volunteer(first_name="Fjerde", last_name="Person")
    v5 = make_volunteer(first_name="Femte", last_name="Person", branch_id=odense.id)
    _named_consent(v1)
    _named_consent(v2, withdrawn=True)

    m1 = add_match(n1, v1, state="placed")
    add_transition(m1, "suggested", "shortlisted", at(2027, 2, 1))
    add_transition(m1, "shortlisted", "placed", at(2027, 3, 1))
    m2 = add_match(n1, v2, state="completed")
    add_transition(m2, "interested", "placed", at(2026, 10, 1))
    add_transition(m2, "placed", "completed", at(2028, 1, 10))
    m3 = add_match(n2, v3, state="declined")
    add_transition(m3, "suggested", "shortlisted", at(2027, 4, 1))
    add_transition(m3, "shortlisted", "declined", at(2027, 4, 10))
    m4 = add_match(n2, v4, state="contacted")
    add_transition(m4, "suggested", "shortlisted", at(2026, 12, 15))
    add_transition(m4, "shortlisted", "contacted", at(2026, 12, 20))
    m5 = add_match(nq, v5, state="placed")
    add_transition(m5, "interested", "placed", at(2027, 5, 1))
    for branch, when in ((vejle, at(2027, 4, 1)), (aalborg, at(2026, 11, 1))):
        _db.session.add(Match(need_id=n1.id, branch_id=branch.id, offered_at=when))
    _db.session.commit()

    p = project.id
    reports = {
        "r1": _report(
            m1,
            a1,
            project_id=p,
            started_on=date(2027, 3, 10),
            ended_on=date(2027, 3, 12),
            days=3,
            participants=20,
            participants_women=12,
            participants_young=8,
        ),
        "r2": _report(
            m1,
            a2,
            project_id=p,
            started_on=date(2027, 5, 5),
            hours=6,
            activity_type="workshop",
            participants=15,
            participants_young=5,
        ),
        "r3": _report(
            m2,
            a1,
            project_id=p,
            started_on=date(2027, 6, 1),
            days=2,
            hours=4,
            country="TZ",
            participants=10,
            participants_women=6,
        ),
        "r4": _report(
            m2,
            a1,
            ReportStatus.SUBMITTED,
            project_id=p,
            started_on=date(2027, 7, 1),
            days=5,
            participants=100,
        ),
        "r5": _report(m1, a1, project_id=p, started_on=date(2026, 12, 20), days=1, participants=50),
        "r6": _report(
            m2, project_id=p, started_on=date(2027, 8, 1), hours=2, activity_type="mentoring"
        ),
        "r7": _report(
            m5, a1, project_id=other_project.id, started_on=date(2027, 5, 1), participants=30
        ),
    }
    _db.session.add_all(
        [
            ProjectTarget(project_id=p, measure="volunteers_placed", value=4),
            ProjectTarget(
                project_id=p, measure="participants_women", outcome_area_id=a1.id, value=20
            ),
            ProjectTarget(project_id=p, measure="branches", value=2),
            ProjectTarget(project_id=p, measure="hours", outcome_area_id=a2.id, value=10),
        ]
    )
    _db.session.commit()
    return World(
        project=project,
        other_project=other_project,
        areas=(a1, a2),
        volunteers={"v1": v1, "v2": v2, "v3": v3, "v4": v4, "v5": v5},
        reports=reports,
        consultant=consultant,
    )


@pytest.fixture()
def staff(auth, world):
    """The world, with the consultant logged in."""
    auth.login(world.consultant.email)
    return world
