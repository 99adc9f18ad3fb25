"""The issue's "done when", end to end through the forms: a placed volunteer reports an activity,
the consultant approves it, and the project's results page and its spreadsheet show the figures.
Nothing is put in the database by hand after the placement."""

import io

from openpyxl import load_workbook

from crm.activities.models import ActivityReport
from crm.models import Need
from tests.activities.conftest import FORM
from tests.results.helpers import table_rows

PERIOD = "?start=2027-01-01&end=2027-12-31"


def test_a_reported_and_approved_activity_reaches_the_results_and_the_spreadsheet(
    client, auth, db, placed, consultant
):
    volunteer, placement = placed
    project_id = db.session.get(Need, placement.need_id).project_id
    auth.login(volunteer.email)
    form = {**FORM, "days": "", "hours": "3,5", "participants_young": ""}
    response = client.post(f"/me/activities/placements/{placement.id}/report", data=form)
    assert response.status_code == 302
    auth.logout()

    auth.login(consultant.email)
    results = f"/results/projects/{project_id}{PERIOD}"
    waiting = dict(table_rows(client.get(results).get_data(as_text=True), "Oversigt"))
    assert waiting["Aktiviteter"] == "0"  # not before approval
    report = db.session.query(ActivityReport).one()
    approve = f"/activities/{report.id}/approve"
    assert client.post(approve, data={"version": report.version}).status_code == 302

    summary = dict(table_rows(client.get(results).get_data(as_text=True), "Oversigt"))
    assert (summary["Frivillige placeret"], summary["Aktiviteter"]) == ("1", "1")
    assert (summary["Dage"], summary["Timer"]) == ("0", "3,5")
    assert (summary["Deltagere nået"], summary["Heraf kvinder"]) == ("24", "14")

    xlsx = client.get(f"/results/projects/{project_id}/results.xlsx{PERIOD}&lang=en")
    book = load_workbook(io.BytesIO(xlsx.data))
    sheet = dict(book["Overview"].iter_rows(min_row=2, values_only=True))
    assert (sheet["Volunteers placed"], sheet["Activities"], sheet["Hours"]) == (1, 1, 3.5)
    assert (sheet["Participants reached"], sheet["Of whom women"]) == (24, 14)
    by_type = list(book["Activities by type"].iter_rows(min_row=2, values_only=True))
    assert by_type == [("Workshop", 1, 24)]
    activities = list(book["Activities"].iter_rows(values_only=True))
    assert activities[0][0] == "Started" and "Vera Frivillig" not in str(activities)
    assert activities[1][2:4] == ("Kenya", "Workshop")
