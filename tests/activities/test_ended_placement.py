"""A placement that ends in an exit (placed → declined or withdrawn) after activities were
reported on it: its reports still count in the results, so they stay where the consultant and
the volunteer find them, open to approval and correction; no new activity is reported on it."""

from crm.activities.models import ActivityReport
from crm.extensions import db
from crm.matches.models import Match
from tests.activities.conftest import FORM
from tests.activities.factories import add_report


def _declined(placement: Match) -> None:
    db.session.get(Match, placement.id).state = "declined"
    db.session.commit()


def test_the_consultant_still_finds_approves_and_corrects_the_reports(
    client, auth, placed, consultant
):
    volunteer, placement = placed
    approved = add_report(placement, status="approved")
    waiting = add_report(placement, activity_type="mentoring")
    _declined(placement)
    auth.login(consultant.email)
    record = client.get(f"/consultant/volunteers/{volunteer.id}").get_data(as_text=True)
    assert f'id="report-{approved.id}"' in record and f"/activities/{approved.id}/reopen" in record
    assert f"/activities/placements/{placement.id}/report" not in record  # nothing new on it
    queue = client.get("/activities/").get_data(as_text=True)
    assert f'href="/activities/{waiting.id}"' in queue
    assert client.get(f"/activities/{waiting.id}").status_code == 200  # was a 404
    changed = {
        **FORM,
        "participants": "30",
        "version": db.session.get(ActivityReport, waiting.id).version,
    }
    assert client.post(f"/activities/{waiting.id}", data=changed).status_code == 302
    assert client.get(f"/activities/placements/{placement.id}/report").status_code == 404


def test_the_volunteer_still_sees_their_reports_but_reports_nothing_new(client, auth, placed):
    volunteer, placement = placed
    report = add_report(placement, status="approved")
    _declined(placement)
    auth.login(volunteer.email)
    mine = client.get("/me/needs/").get_data(as_text=True)
    assert f"/me/activities/placements/{placement.id}" in mine
    assert f"/me/activities/placements/{placement.id}/report" not in mine
    page = client.get(f"/me/activities/placements/{placement.id}")
    assert page.status_code == 200 and f'id="report-{report.id}"' in page.get_data(as_text=True)
    assert f"/me/activities/placements/{placement.id}/report" not in page.get_data(as_text=True)
    new = client.post(f"/me/activities/placements/{placement.id}/report", data=FORM)
    assert new.status_code == 404


def test_a_match_that_ended_without_reports_is_no_placement(client, auth, placed):
    volunteer, placement = placed
    _declined(placement)
    auth.login(volunteer.email)
    assert client.get(f"/me/activities/placements/{placement.id}").status_code == 404
