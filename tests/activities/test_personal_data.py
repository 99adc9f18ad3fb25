"""The volunteer's reports in their rights: listed in the Art. 15 answer (file and page), and
on erasure kept as figures for the results, the description blanked, still counted."""

import json

from sqlalchemy import func, select

from crm.activities.models import ActivityReport
from crm.extensions import db as _db
from crm.models import OutcomeArea, Volunteer
from crm.rights import erasure
from tests.activities.factories import add_report


def _with_reports(db, placement):
    area = OutcomeArea(name_da="Kapable partier", name_en="Capable parties")
    db.session.add(area)
    db.session.commit()
    add_report(placement, status="approved", outcome_area_id=area.id, description="HEMMELIG-TEKST")
    add_report(placement, activity_type="mentoring", participants=3, participants_women=2)


def test_the_own_data_file_and_page_list_the_reports(client, auth, db, placed):
    volunteer, placement = placed
    _with_reports(db, placement)
    auth.login(volunteer.email)
    data = json.loads(client.get("/me/export.json").get_data(as_text=True))
    reports = data["activity_reports"]
    assert [(r["activity_type"], r["status"], r["participants"]) for r in reports] == [
        ("training", "approved", 20),
        ("mentoring", "submitted", 3),
    ]
    assert reports[0]["description"] == "HEMMELIG-TEKST"
    assert reports[0]["outcome_area"] == {"da": "Kapable partier", "en": "Capable parties"}
    assert reports[0]["from"] == "2027-03-10" and reports[0]["need"] == "Træner i lokaldemokrati"
    page = client.get("/me/data").get_data(as_text=True)
    section = page[page.index('id="sa-activities"') :]
    assert "Træning" in section and "Mentorforløb" in section and "HEMMELIG-TEKST" in section
    assert "Kapable partier" in section and "2 kvinder" in section


def test_the_consultants_access_request_lists_them_too(client, auth, db, placed, consultant):
    volunteer, placement = placed
    _with_reports(db, placement)
    auth.login(consultant.email)
    page = client.get(f"/consultant/volunteers/{volunteer.id}/access").get_data(as_text=True)
    assert "HEMMELIG-TEKST" in page[page.index('id="sa-activities"') :]


def test_erasure_blanks_the_description_and_keeps_the_figures(db, placed):
    volunteer, placement = placed
    _with_reports(db, placement)
    before = db.session.execute(
        select(ActivityReport.days, ActivityReport.participants, ActivityReport.status)
    ).all()
    erasure.erase(db.session.get(Volunteer, volunteer.id))
    db.session.commit()
    _db.session.expire_all()
    reports = db.session.scalars(select(ActivityReport).order_by(ActivityReport.id)).all()
    assert [r.description for r in reports] == ["", ""]
    after = db.session.execute(
        select(ActivityReport.days, ActivityReport.participants, ActivityReport.status)
    ).all()
    assert after == before
    assert reports[0].outcome_area_id is not None and reports[0].country == "KE"
    approved = select(func.count(ActivityReport.id)).where(ActivityReport.status == "approved")
    assert db.session.scalar(approved) == 1


def test_the_erased_volunteers_waiting_report_shows_without_a_name(
    client, auth, db, placed, consultant
):
    volunteer, placement = placed
    add_report(placement)
    erasure.erase(db.session.get(Volunteer, volunteer.id))
    db.session.commit()
    auth.login(consultant.email)
    queue = client.get("/activities/").get_data(as_text=True)
    assert f"Slettet frivillig #{volunteer.id}" in queue and "Vera" not in queue
