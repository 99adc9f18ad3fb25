"""The consultant approves reports; an approved report is locked for the volunteer until a
consultant opens it again, and then it must be approved again."""

from sqlalchemy import select

from crm.activities.models import ActivityReport
from crm.audit.models import AuditEvent
from tests.activities.conftest import FORM
from tests.activities.factories import add_report


def _fresh(db, report) -> ActivityReport:
    db.session.expire_all()
    return db.session.get(ActivityReport, report.id)


def _approve(client, db, report, **data):
    report = _fresh(db, report)
    return client.post(f"/activities/{report.id}/approve", data={"version": report.version, **data})


def _changes(db, volunteer) -> list:
    return [
        e.details["change"]
        for e in db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.volunteer_id == volunteer.id, AuditEvent.action == "record_changed")
            .order_by(AuditEvent.id)
        )
    ]


def test_the_queue_lists_waiting_reports_and_approving_records_who_and_when(
    client, auth, db, placed, consultant
):
    volunteer, placement = placed
    report = add_report(placement)
    auth.login(consultant.email)
    queue = client.get("/activities/").get_data(as_text=True)
    assert "Vera Frivillig" in queue and "Træning af lokalpolitikere" in queue
    response = _approve(client, db, report, back="queue")
    assert response.status_code == 302 and response.headers["Location"] == "/activities/"
    approved = _fresh(db, report)
    assert approved.status == "approved"
    assert approved.approved_by == consultant.id and approved.approved_at is not None
    assert "Ingen rapporter venter på godkendelse" in client.get("/activities/").get_data(
        as_text=True
    )
    assert _changes(db, volunteer) == ["approved"]


def test_an_approved_report_is_locked_for_the_volunteer(client, auth, db, placed):
    volunteer, placement = placed
    report = add_report(placement, status="approved")
    auth.login(volunteer.email)
    page = client.get(f"/me/activities/placements/{placement.id}").get_data(as_text=True)
    assert "Godkendt og låst" in page
    assert "← Tilbage til Opgaver til mig" in page  # the page's name in the menu, as elsewhere
    assert f"/me/activities/reports/{report.id}" not in page  # no "change" link
    assert f"/me/activities/reports/{report.id}" not in client.get("/me/needs/").get_data(
        as_text=True
    )
    form = client.get(f"/me/activities/reports/{report.id}")
    assert form.status_code == 200 and "godkendt og låst" in form.get_data(as_text=True)
    assert 'name="description"' not in form.get_data(as_text=True)
    refused = client.post(
        f"/me/activities/reports/{report.id}",
        data={**FORM, "participants": "99", "version": report.version},
    )
    assert refused.status_code == 409
    assert "spørg den internationale konsulent" in refused.get_data(as_text=True)
    assert _fresh(db, report).participants == 20


def test_approved_while_the_volunteer_typed_keeps_their_text(client, auth, db, placed, consultant):
    # The volunteer opened the form; the consultant approved before they saved: nothing is
    # saved, and what they typed is still on the page with the reason.
    volunteer, placement = placed
    report = add_report(placement)
    seen = report.version
    auth.login(consultant.email)
    _approve(client, db, report)
    auth.logout()
    auth.login(volunteer.email)
    typed = "Vi holdt også et ekstra møde med ungdomsafdelingen."
    refused = client.post(
        f"/me/activities/reports/{report.id}",
        data={**FORM, "description": typed, "version": seen},
    )
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert typed in page
    assert "har godkendt rapporten, efter du åbnede den" in page
    assert _fresh(db, report).description == "Træning af lokalpolitikere i Nakuru."


def test_reopened_the_volunteer_may_change_it_and_it_needs_approval_again(
    client, auth, db, placed, consultant
):
    volunteer, placement = placed
    report = add_report(placement)
    auth.login(consultant.email)
    _approve(client, db, report)
    reopened = client.post(
        f"/activities/{report.id}/reopen", data={"version": _fresh(db, report).version}
    )
    assert reopened.status_code == 302
    assert reopened.headers["Location"].endswith(
        f"/consultant/volunteers/{volunteer.id}#report-{report.id}"
    )
    again = _fresh(db, report)
    assert (again.status, again.approved_at, again.approved_by) == ("submitted", None, None)

    auth.logout()
    auth.login(volunteer.email)
    changed = client.post(
        f"/me/activities/reports/{report.id}",
        data={**FORM, "participants": "30", "version": again.version},
    )
    assert changed.status_code == 302
    assert _fresh(db, report).status == "submitted"  # waits for the consultant again

    auth.logout()
    auth.login(consultant.email)
    assert "Vera Frivillig" in client.get("/activities/").get_data(as_text=True)
    _approve(client, db, report)
    final = _fresh(db, report)
    assert (final.status, final.participants) == ("approved", 30)
    assert _changes(db, volunteer) == ["approved", "reopened", "approved"]


def test_the_consultant_may_change_an_approved_report_and_it_stays_approved(
    client, auth, db, placed, consultant
):
    volunteer, placement = placed
    report = add_report(placement, status="approved")
    auth.login(consultant.email)
    form = client.get(f"/activities/{report.id}").get_data(as_text=True)
    assert "Rapporten er godkendt" in form
    assert 'name="named_in_reports"' not in form  # the volunteer's own consent only
    response = client.post(
        f"/activities/{report.id}", data={**FORM, "participants": "25", "version": report.version}
    )
    assert response.status_code == 302
    saved = _fresh(db, report)
    assert (saved.status, saved.participants) == ("approved", 25)
    assert _changes(db, volunteer) == ["edited"]
    viewed = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "record_viewed")
    ).all()
    assert [(e.volunteer_id, e.details) for e in viewed] == [
        (volunteer.id, {"page": "activity_report", "report_id": report.id})
    ]


def test_a_stale_approval_changes_nothing(client, auth, db, placed, consultant):
    volunteer, placement = placed
    report = add_report(placement)
    seen = report.version
    report.participants = 21  # the volunteer saved a change meanwhile
    db.session.commit()
    auth.login(consultant.email)
    response = client.post(f"/activities/{report.id}/approve", data={"version": seen})
    assert response.status_code == 302
    assert _fresh(db, report).status == "submitted"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "En anden har ændret rapporten først" in page
    assert _changes(db, volunteer) == []


def test_the_dashboard_counts_the_reports_waiting(client, auth, db, placed, consultant):
    volunteer, placement = placed
    add_report(placement)
    add_report(placement, status="approved")
    add_report(placement)
    auth.login(consultant.email)
    page = client.get("/consultant/").get_data(as_text=True)
    assert (
        '<strong class="figure">2</strong> <a href="/activities/">aktivitetsrapporter venter'
        in page
    )
