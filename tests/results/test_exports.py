"""The exports for the funder: the spreadsheet read back, the printable page, the names rule
and the audit of every export."""

import io

from openpyxl import load_workbook
from sqlalchemy import select

from crm.audit.models import AuditEvent
from crm.auth.models import User
from tests.results.helpers import table_rows

SHEETS_DA = [
    "Oversigt",
    "Aktiviteter pr. type",
    "Aktiviteter pr. resultatområde",
    "Deltagere nået",
    "Lokalafdelinger involveret",
    "Fremskridt mod mål",
    "Aktiviteter",
]


def workbook(client, world, query=""):
    response = client.get(f"/results/projects/{world.project.id}/results.xlsx{query}")
    assert response.status_code == 200
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    return load_workbook(io.BytesIO(response.data))


def values(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_the_spreadsheet_has_a_sheet_per_table_with_the_figures(client, staff):
    book = workbook(client, staff)
    # Each sheet is named as its table, whole (Excel cuts a sheet's name at 31 characters).
    assert [s.title for s in book.worksheets] == SHEETS_DA
    summary = dict(values(book.worksheets[0])[1:])
    assert summary["Frivillige engageret"] == 3
    assert summary["Frivillige placeret"] == 2
    assert (summary["Dage"], summary["Timer"]) == (5, 12)
    assert summary["Deltagere nået"] == 45
    assert (summary["Heraf kvinder"], summary["Heraf unge"]) == (18, 13)
    assert summary["Budgetlinje"] == "DIPD-2027-KE"
    assert values(book["Aktiviteter pr. type"])[1:] == [
        ["Træning", 2, 30],
        ["Mentorforløb", 1, 0],
        ["Workshop", 1, 15],
    ]
    assert values(book["Lokalafdelinger involveret"])[1:] == [
        ["Aarhus", 1, "nej"],
        ["Odense", 1, "nej"],
        ["Vejle", 0, "ja"],
    ]
    assert values(book["Fremskridt mod mål"])[1][2:] == [4, 2, 50]
    activities = values(book["Aktiviteter"])
    assert activities[0][0] == "Startet"  # no volunteer column by default
    assert len(activities) == 5
    assert activities[1][0].isoformat().startswith("2027-03-10")
    assert activities[1][2:6] == ["Kenya", "Træning", "Kvinders og unges politiske lederskab", 3]


def test_the_spreadsheet_in_english_when_asked(client, staff):
    book = workbook(client, staff, "?lang=en")
    assert [s.title for s in book.worksheets] == [
        "Overview",
        "Activities by type",
        "Activities by outcome area",
        "Participants reached",
        "Branches involved",
        "Progress against targets",
        "Activities",
    ]
    assert values(book["Activities by type"])[1] == ["Training", 2, 30]


def test_names_are_left_out_by_default(client, staff):
    book = workbook(client, staff)
    text = repr([values(s) for s in book.worksheets])
    for volunteer in staff.volunteers.values():
        assert volunteer.first_name not in text and volunteer.last_name not in text


def test_only_volunteers_who_consented_are_named(client, staff):
    activities = values(workbook(client, staff, "?names=y")["Aktiviteter"])
    assert activities[0][0] == "Frivillig"
    # r1, r2 by Signe (consented); r3, r6 by v2, whose consent was withdrawn: numbered.
    assert [row[0] for row in activities[1:]] == [
        "Signe Navngiven",
        "Signe Navngiven",
        "Frivillig 1",
        "Frivillig 1",
    ]
    text = repr(activities)
    assert "Ukendt" not in text and "Uden-Samtykke" not in text


def test_a_withdrawn_consent_to_matching_ends_the_naming(client, db, staff):
    from crm.volunteers import consents
    from crm.volunteers.models import Volunteer

    consents.withdraw(db.session.get(Volunteer, staff.volunteers["v1"].id))
    db.session.commit()
    activities = values(workbook(client, staff, "?names=y")["Aktiviteter"])
    assert "Signe Navngiven" not in repr(activities)


def test_the_printable_page(client, staff):
    response = client.get(f"/results/projects/{staff.project.id}/print?lang=en")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "css/results-print.css" in html
    assert 'class="site-header"' not in html  # no navigation
    assert dict(table_rows(html, "Overview"))["Volunteers placed"] == "2"
    assert "Signe" not in html
    named = client.get(f"/results/projects/{staff.project.id}/print?names=y").get_data(as_text=True)
    assert '<html lang="da">' in named
    assert [row[0] for row in table_rows(named, "Aktiviteter")][:3] == [
        "Signe Navngiven",
        "Signe Navngiven",
        "Frivillig 1",
    ]


def test_the_print_stylesheet_breaks_pages_between_sections(client, staff):
    response = client.get("/static/css/results-print.css")
    css = response.get_data(as_text=True)
    response.close()
    assert "@page { size: A4" in css
    assert ".results-section { break-before: page;" in css
    assert ".no-print, .chart-table { display: none; }" in css
    # The activity list is wider than portrait A4: it prints on landscape pages of its own.
    assert "@page wide { size: A4 landscape;" in css
    assert ".results-wide { page: wide;" in css
    printed = client.get(f"/results/projects/{staff.project.id}/print").get_data(as_text=True)
    assert 'class="results-section results-wide" aria-labelledby="r-activities"' in printed


def test_every_export_is_audited_with_filters_and_rows_never_names(client, db, staff):
    workbook(client, staff, "?names=y&start=2027-01-01&end=2027-12-31")
    client.get(f"/results/projects/{staff.project.id}/print")
    client.get(f"/results/projects/{staff.project.id}")  # the page itself is not an export
    events = db.session.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    exports = [e for e in events if e.action == "export"]
    assert [e.details for e in exports] == [
        {
            "export": "results_xlsx",
            "project_id": staff.project.id,
            "filter_from": "2027-01-01",
            "filter_to": "2027-12-31",
            "names": True,
            "rows": 4,
        },
        {
            "export": "results_print",
            "project_id": staff.project.id,
            "filter_from": "2027-01-01",
            "filter_to": "2027-12-31",
            "names": False,
            "rows": 4,
        },
    ]
    assert {e.actor_id for e in exports} == {db.session.get(User, staff.consultant.id).id}
    assert all(e.volunteer_id is None for e in exports)


def test_an_erased_volunteer_is_never_named_and_still_counted(client, db, staff):
    from crm.rights import erasure
    from crm.volunteers.models import Volunteer

    erasure.erase(db.session.get(Volunteer, staff.volunteers["v1"].id))
    db.session.commit()
    book = workbook(client, staff, "?names=y")
    activities = values(book["Aktiviteter"])
    assert "Signe" not in repr(activities) and len(activities) == 5
    assert dict(values(book["Oversigt"])[1:])["Frivillige placeret"] == 2


def test_a_cell_that_starts_like_a_formula_is_never_run(client, db, staff):
    from crm.branches.models import Branch

    db.session.scalar(select(Branch).where(Branch.name == "Vejle")).name = "=HYPERLINK(1)"
    db.session.commit()
    rows = values(workbook(client, staff)["Lokalafdelinger involveret"])
    assert ["'=HYPERLINK(1)", 0, "ja"] in rows


def test_the_page_lists_the_first_hundred_activities_and_the_exports_all_of_them(
    client, db, staff, monkeypatch
):
    monkeypatch.setattr("crm.results.views.ACTIVITIES_ON_PAGE", 2)  # the world has 4 in 2027
    html = client.get(f"/results/projects/{staff.project.id}").get_data(as_text=True)
    assert len(table_rows(html, "Aktiviteter")) == 2
    assert "De første 2 af 4 aktiviteter efter startdato." in html
    assert workbook(client, staff)["Aktiviteter"].max_row == 1 + 4
    printed = client.get(f"/results/projects/{staff.project.id}/print").get_data(as_text=True)
    assert len(table_rows(printed, "Aktiviteter")) == 4 and "De første" not in printed
