"""CSV exports: formulas neutralised, UTF-8 with BOM, semicolons, same filters as the page."""

import csv
import io

import pytest

from crm.consultant.exports import BOM, csv_lines, spreadsheet_safe
from tests.consultant.factories import add_match


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+45 12 34 56 78", "'+45 12 34 56 78"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Mette Hansen", "Mette Hansen"),
        ("a=b", "a=b"),
        ("", ""),
        (None, ""),
        (42, "42"),
    ],
)
def test_spreadsheet_safe_neutralises_formula_starts(value, expected):
    assert spreadsheet_safe(value) == expected


def test_csv_lines_start_with_bom_and_use_semicolons():
    text = "".join(csv_lines(["Navn", "By"], [["Søren Ærø", "Århus; midt"], ["=1+1", "x"]]))
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [["Navn", "By"], ["Søren Ærø", "Århus; midt"], ["'=1+1", "x"]]


def parse(response):
    raw = response.get_data()
    assert raw.startswith(BOM.encode("utf-8"))
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def test_volunteer_export_follows_the_filters_in_the_query_string(
    client, consultant, make_volunteer, make_branch
):
    branch = make_branch(name="Ærø")
    make_volunteer(first_name="Søren", last_name="=cmd|' /C calc'!A0", branch_id=branch.id)
    make_volunteer(first_name="Anna", last_name="Andersen")
    response = client.get(f"/consultant/volunteers.csv?branch={branch.id}")
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = parse(response)
    assert rows[0][:3] == ["Nr.", "Fornavn", "Efternavn"]
    assert len(rows) == 2
    assert rows[1][1] == "Søren" and rows[1][2].startswith("'=") and rows[1][6] == "Ærø"


def test_volunteer_export_with_a_typo_in_the_name(client, consultant, make_volunteer):
    make_volunteer(first_name="Mette", last_name="Hansen")
    make_volunteer(first_name="Anna", last_name="Andersen")
    rows = parse(client.get("/consultant/volunteers.csv?q=Mete+Hansn"))
    assert [r[1] for r in rows[1:]] == ["Mette"]


def test_candidate_export_lists_score_state_and_reasons(
    client, consultant, make_need, make_volunteer
):
    need = make_need()
    good = make_volunteer(first_name="Mette", last_name="Hansen")
    out = make_volunteer(first_name="Ole", last_name="-Olsen")
    add_match(need, good, state="shortlisted", score=87.5)
    add_match(
        need,
        out,
        score=40,
        excluded=True,
        reasons=[{"reason": "language", "subject": "en", "value": "A2", "wanted": "B2"}],
    )
    rows = parse(client.get(f"/consultant/needs/{need.id}/candidates.csv"))
    assert rows[0] == ["Nr.", "Navn", "E-mail", "Score", "Status", "Udelukket", "Begrundelser"]
    assert rows[1][1:] == ["Mette Hansen", good.email, "87,5", "Shortlistet", "nej", ""]
    assert rows[2][1] == "Ole -Olsen"
    assert rows[2][5] == "ja"
    assert rows[2][6] == "Kræver engelsk på mindst B2; taler det på A2"  # in Danish, like the page


def test_candidate_export_of_a_missing_need_is_404(client, consultant):
    assert client.get("/consultant/needs/999/candidates.csv").status_code == 404
