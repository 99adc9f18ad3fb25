"""Only the volunteer themself (own placements only), consultants and admins see or write
reports; nobody reports for a volunteer who withdrew consent; a consultant reports for one."""

import pytest
from sqlalchemy import func, select

from crm.activities.models import ActivityReport
from crm.audit.models import AuditEvent
from crm.auth.models import Role
from crm.volunteers import services as volunteer_services
from tests.activities.conftest import FORM
from tests.activities.factories import add_report
from tests.consultant.factories import add_match


def _count(db) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(ActivityReport.id)))


def test_another_volunteer_neither_sees_nor_writes_them(client, auth, db, placed, make_volunteer):
    volunteer, placement = placed
    report = add_report(placement)
    other = make_volunteer(first_name="Ole", email="ole@example.org")
    auth.login(other.email)
    assert client.get(f"/me/activities/placements/{placement.id}").status_code == 404
    assert client.get(f"/me/activities/reports/{report.id}").status_code == 404
    assert (
        client.post(f"/me/activities/placements/{placement.id}/report", data=FORM).status_code
        == 404
    )
    assert (
        client.post(
            f"/me/activities/reports/{report.id}", data={**FORM, "version": report.version}
        ).status_code
        == 404
    )
    assert "Træner i lokaldemokrati" not in client.get("/me/needs/").get_data(as_text=True)
    assert _count(db) == 1 and db.session.get(ActivityReport, report.id).participants == 20


def test_a_match_that_is_not_a_placement_takes_no_report(client, auth, db, placed, make_need):
    volunteer, _placement = placed
    shortlisted = add_match(make_need(title="Anden opgave"), volunteer, state="shortlisted")
    auth.login(volunteer.email)
    response = client.post(f"/me/activities/placements/{shortlisted.id}/report", data=FORM)
    assert response.status_code == 404 and _count(db) == 0


@pytest.mark.parametrize("role", [Role.BRANCH_CONTACT, Role.VOLUNTEER])
def test_the_staff_pages_are_closed_to_others(client, auth, db, placed, make_user, role):
    volunteer, placement = placed
    report = add_report(placement)
    auth.login(make_user(role).email)
    assert client.get("/activities/").status_code == 403
    assert client.post(f"/activities/{report.id}/approve", data={"version": 1}).status_code == 403
    assert (
        client.post(f"/activities/placements/{placement.id}/report", data=FORM).status_code == 403
    )
    assert db.session.get(ActivityReport, report.id).status == "submitted"


def test_after_withdrawing_consent_the_volunteer_cannot_report(client, auth, db, placed):
    volunteer, placement = placed
    report = add_report(placement)
    volunteer_services.withdraw_consent(volunteer)
    db.session.commit()
    auth.login(volunteer.email)
    page = client.get(f"/me/activities/placements/{placement.id}").get_data(as_text=True)
    assert "trukket dit samtykke tilbage" in page
    assert f"/me/activities/placements/{placement.id}/report" not in page
    response = client.post(f"/me/activities/placements/{placement.id}/report", data=FORM)
    assert response.status_code == 403
    edit = client.post(
        f"/me/activities/reports/{report.id}", data={**FORM, "version": report.version}
    )
    assert edit.status_code == 403
    assert _count(db) == 1


def test_nor_can_the_consultant_for_them(client, auth, db, placed, consultant):
    volunteer, placement = placed
    volunteer_services.withdraw_consent(volunteer)
    db.session.commit()
    auth.login(consultant.email)
    response = client.post(f"/activities/placements/{placement.id}/report", data=FORM)
    assert response.status_code == 403 and _count(db) == 0


def test_the_consultant_reports_for_a_volunteer_from_the_record(
    client, auth, db, placed, consultant
):
    volunteer, placement = placed
    auth.login(consultant.email)
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert f"/activities/placements/{placement.id}/report" in record
    assert "Ingen aktiviteter rapporteret endnu" in record
    response = client.post(f"/activities/placements/{placement.id}/report", data=FORM)
    assert response.status_code == 302
    [report] = db.session.scalars(select(ActivityReport)).all()
    assert report.submitted_by == consultant.id and report.volunteer_id == volunteer.id
    assert report.status == "submitted"
    record = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Workshop om borgermøder" in record and f"/activities/{report.id}/approve" in record


def test_the_admin_may_approve_too(client, auth, db, placed, make_user):
    volunteer, placement = placed
    report = add_report(placement)
    auth.login(make_user(Role.ADMIN).email)
    client.post(f"/activities/{report.id}/approve", data={"version": report.version})
    db.session.expire_all()
    assert db.session.get(ActivityReport, report.id).status == "approved"


def test_what_the_consultant_writes_for_a_volunteer_is_audited_without_its_text(
    client, auth, db, placed, consultant
):
    # A consultant's report for a volunteer, and a change to one still waiting, are changes of
    # the volunteer's record (as a debrief written for them is); the volunteer's own are not.
    volunteer, placement = placed
    auth.login(volunteer.email)
    client.post(f"/me/activities/placements/{placement.id}/report", data=FORM)
    auth.logout()
    auth.login(consultant.email)
    client.post(f"/activities/placements/{placement.id}/report", data=FORM)
    theirs, ours = db.session.scalars(select(ActivityReport).order_by(ActivityReport.id)).all()
    changed = {**FORM, "participants": "30", "version": theirs.version}
    assert client.post(f"/activities/{theirs.id}", data=changed).status_code == 302
    events = db.session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == "record_changed", AuditEvent.volunteer_id == volunteer.id)
        .order_by(AuditEvent.id)
    ).all()
    assert [(e.details["report_id"], e.details["change"]) for e in events] == [
        (ours.id, "reported"),
        (theirs.id, "edited"),
    ]
    assert all(e.actor_id == consultant.id for e in events)
    assert "borgermøder" not in str([e.details for e in events])
