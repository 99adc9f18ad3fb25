"""A placed volunteer reports what they did on their placement, from their own page."""

import re

from sqlalchemy import select

from crm.activities.models import ActivityReport
from crm.audit.models import AuditEvent
from crm.models import ConsentRecord, Need, OutcomeArea
from tests.activities.conftest import FORM
from tests.activities.factories import add_report


def _reports(db):
    db.session.expire_all()
    return list(db.session.scalars(select(ActivityReport)))


def test_the_volunteers_page_lists_the_placement_with_a_report_button(client, auth, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    page = client.get("/me/needs/").get_data(as_text=True)
    assert "Træner i lokaldemokrati" in page
    assert f"/me/activities/placements/{placement.id}/report" in page


def test_a_volunteer_reports_an_activity_and_sees_it_waiting(client, auth, db, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    form = client.get(f"/me/activities/placements/{placement.id}/report").get_data(as_text=True)
    assert '<option selected value="KE">Kenya</option>' in form  # the need's country first, chosen
    response = client.post(f"/me/activities/placements/{placement.id}/report", data=FORM)
    assert response.status_code == 302
    [report] = _reports(db)
    assert (report.participants, report.participants_women, report.participants_young) == (
        24,
        14,
        9,
    )
    assert report.days == 2.0 and report.status == "submitted"
    assert report.submitted_by == volunteer.user_id
    assert report.project_id == db.session.get(Need, placement.need_id).project_id
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Venter på godkendelse" in page  # waiting for approval (Danish by default)
    assert "Workshop om borgermøder" in page
    assert f"/me/activities/reports/{report.id}" in page
    assert f"/me/activities/reports/{report.id}" in client.get("/me/needs/").get_data(as_text=True)


def test_days_with_a_decimal_comma_and_hours_instead_of_days(client, auth, db, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    client.post(f"/me/activities/placements/{placement.id}/report", data={**FORM, "days": "1,5"})
    client.post(
        f"/me/activities/placements/{placement.id}/report",
        data={**FORM, "days": "", "hours": "3", "activity_type": "online_advice"},
    )
    assert [(r.days, r.hours) for r in _reports(db)] == [(1.5, None), (None, 3.0)]


def _error_next_to(page: str, field: str) -> str:
    start = page.index(f'id="{field}-error"')
    return page[start : page.index("</p>", start)]


def test_women_and_young_never_more_than_the_participants(client, auth, db, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    response = client.post(
        f"/me/activities/placements/{placement.id}/report",
        data={**FORM, "participants": "10", "participants_women": "12", "participants_young": "11"},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "10 deltagere" in _error_next_to(page, "participants_women")
    assert "10 deltagere" in _error_next_to(page, "participants_young")
    assert 'value="Workshop om borgermøder' in page or "Workshop om borgermøder" in page
    assert _reports(db) == []


def test_women_or_young_without_the_participants_are_refused(client, auth, db, placed):
    # Else the results would count 12 women among 0 participants reached.
    volunteer, placement = placed
    auth.login(volunteer.email)
    response = client.post(
        f"/me/activities/placements/{placement.id}/report",
        data={**FORM, "participants": "", "participants_women": "12", "participants_young": ""},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Angiv også antallet af deltagere" in _error_next_to(page, "participants")
    assert 'value="12"' in page
    assert _reports(db) == []


def test_dates_in_order_and_days_or_hours_required(client, auth, db, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    response = client.post(
        f"/me/activities/placements/{placement.id}/report",
        data={**FORM, "ended_on": "2027-03-01", "days": "", "hours": ""},
    )
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "slutdato" in _error_next_to(page, "ended_on").lower()
    assert "dage eller timer" in _error_next_to(page, "days")
    assert _reports(db) == []


def test_the_outcome_area_offers_only_the_active_ones(client, auth, db, placed):
    volunteer, placement = placed
    active = OutcomeArea(name_da="Kvinders og unges lederskab", name_en="Women and youth")
    retired = OutcomeArea(name_da="Gammelt mål", name_en="Old goal", active=False)
    db.session.add_all([active, retired])
    db.session.commit()
    auth.login(volunteer.email)
    form = client.get(f"/me/activities/placements/{placement.id}/report").get_data(as_text=True)
    assert "Kvinders og unges lederskab" in form and "Gammelt mål" not in form
    refused = client.post(
        f"/me/activities/placements/{placement.id}/report",
        data={**FORM, "outcome_area_id": retired.id},
    )
    assert refused.status_code == 400
    client.post(
        f"/me/activities/placements/{placement.id}/report",
        data={**FORM, "outcome_area_id": active.id},
    )
    assert [r.outcome_area_id for r in _reports(db)] == [active.id]


def test_the_volunteer_changes_a_report_while_it_waits(client, auth, db, placed):
    volunteer, placement = placed
    report = add_report(placement)
    auth.login(volunteer.email)
    form = client.get(f"/me/activities/reports/{report.id}").get_data(as_text=True)
    assert "Træning af lokalpolitikere" in form
    response = client.post(
        f"/me/activities/reports/{report.id}",
        data={**FORM, "participants": "30", "version": report.version},
    )
    assert response.status_code == 302
    [saved] = _reports(db)
    assert saved.participants == 30 and saved.status == "submitted"


def test_a_stale_edit_is_refused_and_keeps_the_text(client, auth, db, placed):
    volunteer, placement = placed
    report = add_report(placement)
    seen = report.version
    report.participants = 5  # someone else saved meanwhile
    db.session.commit()
    auth.login(volunteer.email)
    response = client.post(
        f"/me/activities/reports/{report.id}",
        data={**FORM, "description": "Min nye tekst", "version": seen},
    )
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Min nye tekst" in page and "ikke gemt" in page
    assert _reports(db)[0].participants == 5


def test_the_checkbox_gives_and_withdraws_consent_to_be_named(client, auth, db, placed):
    volunteer, placement = placed
    auth.login(volunteer.email)
    client.post(
        f"/me/activities/placements/{placement.id}/report", data={**FORM, "named_in_reports": "y"}
    )
    [report] = _reports(db)
    records = db.session.scalars(
        select(ConsentRecord).where(ConsentRecord.purpose == "named_in_reports")
    ).all()
    assert [(r.given_at is not None, r.withdrawn_at) for r in records] == [(True, None)]
    form = client.get(f"/me/activities/reports/{report.id}").get_data(as_text=True)
    assert re.search(r'<input[^>]* checked[^>]* id="named_in_reports"', form)
    client.post(f"/me/activities/reports/{report.id}", data={**FORM, "version": report.version})
    db.session.expire_all()
    [record] = db.session.scalars(
        select(ConsentRecord).where(ConsentRecord.purpose == "named_in_reports")
    ).all()
    assert record.withdrawn_at is not None
    actions = db.session.scalars(
        select(AuditEvent.action)
        .where(AuditEvent.volunteer_id == volunteer.id)
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["consent_given", "consent_withdrawn"]


def test_a_report_keeps_its_outcome_area_after_the_area_is_retired(client, auth, db, placed):
    volunteer, placement = placed
    area = OutcomeArea(name_da="Flerpartidialog", name_en="Multiparty dialogue")
    db.session.add(area)
    db.session.commit()
    report = add_report(placement, outcome_area_id=area.id)
    area.active = False
    db.session.commit()
    auth.login(volunteer.email)
    assert "Flerpartidialog" in client.get(f"/me/activities/reports/{report.id}").get_data(
        as_text=True
    )
    response = client.post(
        f"/me/activities/reports/{report.id}",
        data={**FORM, "outcome_area_id": area.id, "version": report.version},
    )
    assert response.status_code == 302
    assert _reports(db)[0].outcome_area_id == area.id
