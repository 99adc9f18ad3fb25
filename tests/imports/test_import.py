"""The consultant imports last year's messy spreadsheet: the columns guessed, every row checked
before anything is written, the error file, and the choice of importing nothing or the good rows."""

import csv
import io
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from crm.database import utcnow
from crm.duplicates.models import DuplicatePair
from crm.models import AuditEvent, ConsentRecord, ImportBatch, ImportMapping, Volunteer
from tests.imports.conftest import (
    GOOD,
    MAPPED,
    batch_path,
    choose_columns,
    import_good,
    imported,
    messy_csv,
    messy_xlsx,
    upload,
)

FILES = {"xlsx": (messy_xlsx, "frivillige 2025.xlsx"), "csv": (messy_csv, "frivillige.csv")}


def import_good_rows(client, path: str):
    """Import the good rows with the mapping the batch has now."""
    page = client.get(f"{path}/check").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    return client.post(f"{path}/finish", data={"version": version, "import_good": "1"})


def _upload(client, kind: str) -> str:
    make, name = FILES[kind]
    response = upload(client, make(), name)
    assert response.status_code == 302
    return batch_path(response)


@pytest.mark.parametrize("kind", FILES)
def test_the_columns_are_guessed_and_the_first_rows_previewed(
    client, db, consultant, branches, kind
):
    path = _upload(client, kind)
    page = client.get(f"{path}/columns").get_data(as_text=True)
    for header in MAPPED.values():  # each field's select has its column chosen
        assert f'<option selected value="{header}">' in page
    assert '<option selected value="Fødselsdato">' not in page  # extra columns are left out
    assert "Søren" in page and "Ærøbo" in page  # Danish letters intact, from either file
    assert "+4520123456" in page  # the phone as it will be stored
    assert "Socialdemokratiet i Aarhus" in page  # "Aarhus" found the branch
    assert "Row 4" in page or "Række 4" in page  # rows by their number in the spreadsheet
    assert page.count("Kan importeres") == 3  # rows 2, 4 and 7 of the first five
    assert "Har fejl" in page  # row 5
    assert db.session.scalar(select(func.count(Volunteer.id))) == 0  # nothing written


@pytest.mark.parametrize("kind", FILES)
def test_every_row_is_checked_and_the_errors_named(
    client, db, consultant, branches, registered, kind
):
    path = _upload(client, kind)
    choose_columns(client, path, {**MAPPED, "check": "1"})
    page = client.get(f"{path}/check").get_data(as_text=True)
    assert "3 rækker kan importeres" in page
    assert "1 række er allerede registreret" in page
    assert "2 rækker har fejl" in page
    assert "Række 5" in page and "Ikke et telefonnummer, vi kan læse." in page
    assert "Ingen afdeling har et navn som “Ukendt by”." in page
    assert "Ukendt sprog: “klingon”." in page
    assert "Samme e-mailadresse som række 2." in page  # row 6 names the first row
    preview = client.get(f"{path}/columns").get_data(as_text=True)
    assert "Registreret i forvejen" in preview  # row 7, Rita, in the first five
    assert db.session.scalar(select(func.count(Volunteer.id))) == 1  # only Rita, from before


def test_the_error_file_names_each_bad_row_and_field(client, db, consultant, branches):
    path = _upload(client, "csv")
    choose_columns(client, path, {**MAPPED, "check": "1"})
    response = client.get(f"{path}/errors.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    text = response.get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["Række", "Felt", "Begrundelse"],
        ["5", "Telefon", "Ikke et telefonnummer, vi kan læse."],
        ["5", "Lokalafdeling", "Ingen afdeling har et navn som “Ukendt by”."],
        ["5", "Sprog", "Ukendt sprog: “klingon”."],
        [
            "5",
            "Tilgængelig fra (dato)",
            "Ikke en dato (skriv 31-12-2026, 31.12.2026 eller 2026-12-31).",
        ],
        ["6", "E-mail", "Samme e-mailadresse som række 2."],
    ]
    client.post("/language", data={"locale": "en"})
    english = client.get(f"{path}/errors.csv").get_data(as_text=True)
    assert "Row;Field;Reason" in english and "The same e-mail address as row 2." in english
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "export")).first()
    assert event.details["export"] == "import_errors"


def test_import_nothing_writes_no_volunteer_and_forgets_the_file(client, db, consultant, branches):
    path = _upload(client, "xlsx")
    choose_columns(client, path, {**MAPPED, "check": "1"})
    page = client.get(f"{path}/check").get_data(as_text=True)
    assert 'name="import_nothing"' in page
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"{path}/finish", data={"version": version, "import_nothing": "1"})
    assert response.status_code == 302
    assert imported(db) == {}
    page = client.get(path).get_data(as_text=True)
    assert "Intet importeret" in page
    assert client.get(f"{path}/check").status_code == 302  # finished: back to its result
    events = db.session.scalars(select(AuditEvent.action)).all()
    assert "import_dropped" in events and "import" not in events


@pytest.mark.parametrize("kind", FILES)
def test_import_the_good_rows(client, db, consultant, branches, registered, kind):
    path = _upload(client, kind)
    response = import_good(client, path)
    assert response.status_code == 302
    people = imported(db)
    assert sorted(people) == sorted(GOOD.values())
    soeren = people["soeren@example.org"]
    assert (soeren.first_name, soeren.last_name, soeren.city) == ("Søren", "Ærøbo", "Århus C")
    assert soeren.phone == "+4520123456" and soeren.postcode == "8000"
    assert soeren.branch_id == branches["aarhus"].id
    assert soeren.available_from == date(2026, 12, 31)
    assert [e.description for e in soeren.experience] == ["Har siddet i byrådet i 8 år"]
    assert [(x.code, x.level) for x in soeren.languages] == [("da", "B1"), ("en", "C1")]
    assert [x.code for x in soeren.countries] == ["KE", "TZ"]
    aase = people["aase.oester@example.org"]
    assert aase.phone == "+4512345678" and aase.postcode == "0800"  # Excel's 800 is 0800
    assert aase.available_from == date(2026, 12, 31)
    assert [(x.code, x.level) for x in aase.languages] == [("en", "C1"), ("fr", "B1")]
    aeble = people["aeble@example.org"]
    assert aeble.phone == "+4523456789" and aeble.branch_id == branches["kbh"].id
    assert aeble.available_from == date(2027, 1, 15)
    # no account, no consent: never matched until they claim the profile and consent
    assert all(v.user_id is None and v.consent_at is None for v in people.values())
    assert db.session.scalar(select(func.count(ConsentRecord.id))) == 0
    # the one already registered is untouched
    db.session.refresh(registered)
    assert (registered.last_name, registered.phone) == ("Før", "+4511111111")
    page = client.get(path).get_data(as_text=True)
    assert "3 frivillige importeret" in page
    assert "1 række allerede registreret" in page
    assert "2 rækker med fejl udeladt" in page


def test_the_import_is_audited_with_counts_never_names(
    client, db, consultant, branches, registered
):
    import_good(client, _upload(client, "csv"))
    event = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "import")).one()
    assert {k: event.details[k] for k in ("rows", "imported", "already", "bad")} == {
        "rows": 6,
        "imported": 3,
        "already": 1,
        "bad": 2,
    }
    assert "Søren" not in repr(event.details) and "@" not in repr(event.details)


def test_an_import_cannot_run_twice(client, db, consultant, branches, registered):
    path = _upload(client, "csv")
    choose_columns(client, path, {**MAPPED, "check": "1"})
    page = client.get(f"{path}/check").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    assert (
        client.post(f"{path}/finish", data={"version": version, "import_good": "1"}).status_code
        == 302
    )
    again = client.post(f"{path}/finish", data={"version": version, "import_good": "1"})
    assert again.status_code == 302 and again.headers["Location"].endswith(path)
    assert len(imported(db)) == 3


def test_a_saved_mapping_is_reused_for_the_next_file(client, db, consultant, branches):
    path = _upload(client, "csv")
    ours = {**MAPPED, "experience": "Noter", "save_as": "Sidste års liste", "preview": "1"}
    assert choose_columns(client, path, ours).status_code == 302
    saved = db.session.scalars(select(ImportMapping)).one()
    assert saved.name == "Sidste års liste" and saved.columns["experience"] == "Noter"
    second = _upload(client, "xlsx")  # the next file, laid out the same way
    page = client.get(f"{second}/columns").get_data(as_text=True)
    assert "Sidste års liste" in page
    assert '<option selected value="Noter">' not in page  # the guess takes "Erfaring"
    page = client.get(f"{second}/columns?saved={saved.id}").get_data(as_text=True)
    assert '<option selected value="Noter">' in page  # the saved mapping's choice
    assert '<option selected value="Erfaring">' not in page
    assert "ringet" in page  # the preview reads the experience from "Noter"


@pytest.mark.parametrize("seen", [None, "1"])  # no version sent, or the one before
def test_a_stale_columns_form_is_refused_and_changes_nothing(
    client, db, consultant, branches, seen
):
    path = _upload(client, "csv")
    choose_columns(client, path, {**MAPPED, "preview": "1"})  # version 1 → 2
    data = {**MAPPED, "experience": "Noter", "preview": "1"} | ({"version": seen} if seen else {})
    response = client.post(f"{path}/columns", data=data, follow_redirects=True)
    assert "En anden har ændret denne import imens" in response.get_data(as_text=True)
    batch = db.session.get(ImportBatch, int(path.rsplit("/", 1)[1]))
    assert batch.columns["experience"] == "Erfaring"


def test_a_mapping_name_is_used_once(client, db, consultant, branches):
    path = _upload(client, "csv")
    choose_columns(client, path, {**MAPPED, "save_as": "Liste", "preview": "1"})
    response = choose_columns(client, path, {**MAPPED, "save_as": "Liste", "preview": "1"})
    assert response.status_code == 422
    assert "En gemt opsætning har allerede dette navn." in response.get_data(as_text=True)


def test_the_mapping_needs_an_email_and_a_name(client, db, consultant, branches):
    path = _upload(client, "csv")
    nothing = {key: "" for key in MAPPED} | {"full_name": ""}
    response = choose_columns(client, path, {**nothing, "city": "By", "check": "1"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Vælg kolonnen med e-mailadressen." in page
    assert "Vælg kolonnen eller kolonnerne med navnet." in page


def test_a_full_name_column_is_split(client, db, consultant, branches):
    content = "Navn;Mail\r\nAnne Marie Hansen;anne@example.org\r\n".encode("utf-8-sig")
    path = batch_path(upload(client, content, "navne.csv"))
    page = client.get(f"{path}/columns").get_data(as_text=True)
    assert '<option selected value="Navn">' in page and "Anne Marie" in page
    choose_columns(client, path, {"full_name": "Navn", "email": "Mail", "check": "1"})
    page = client.get(f"{path}/check").get_data(as_text=True)
    version = page.split('name="version" type="hidden" value="')[1].split('"')[0]
    client.post(f"{path}/finish", data={"version": version, "import_good": "1"})
    anne = imported(db)["anne@example.org"]
    assert (anne.first_name, anne.last_name) == ("Anne Marie", "Hansen")


def test_a_cell_with_control_characters_is_a_row_error_not_a_server_error(
    client, db, consultant, branches
):
    """A NUL byte (PostgreSQL refuses it) or another control character in any cell: that
    field's one error, and the row is not imported; a line break in a cell is only a space."""
    content = (
        "Fornavn;Efternavn;E-mail;By;Erfaring\r\n"
        "A\x00na;Berg;ana@example.org;Odense;x\r\n"
        "Bo;Bl\x07\x1bå;bo@example.org;Ode\x85nse;\r\n"
        "Carl;Hansen;c\x00@example.org;Aarhus;\r\n"
        'Dorte;Dahl;dorte@example.org;Vejle;"Byråd\nog kampagner"\r\n'
    ).encode()
    path = batch_path(upload(client, content, "styretegn.csv"))
    page = client.get(f"{path}/check").get_data(as_text=True)
    assert "1 række kan importeres" in page and "3 rækker har fejl" in page
    rows = list(csv.reader(io.StringIO(client.get(f"{path}/errors.csv").get_data(as_text=True))))
    control = "Indeholder usynlige styretegn: skriv cellen igen."
    assert [row[0].lstrip("\ufeff").split(";") for row in rows[1:]] == [
        ["2", "Fornavn", control],
        ["3", "Efternavn", control],
        ["4", "E-mail", control],  # one error for the field, not "no e-mail" as well
    ]
    import_good_rows(client, path)
    assert {v.email: v.experience[0].description for v in imported(db).values()} == {
        "dorte@example.org": "Byråd og kampagner"
    }


def test_an_availability_must_end_after_it_starts_as_on_the_profile(
    client, db, consultant, branches
):
    content = (
        b"Navn;Mail;Ledig fra;Ledig til\r\n"
        b"Anne Hansen;anne@example.org;01-03-2027;01-03-2027\r\n"  # ends the day it starts
        b"Bo Berg;bo@example.org;01-03-2027;28-02-2027\r\n"
        b"Carl Dahl;carl@example.org;01-03-2027;02-03-2027\r\n"
    )
    path = batch_path(upload(client, content, "ledig.csv"))
    page = client.get(f"{path}/check").get_data(as_text=True)
    assert "1 række kan importeres" in page and "2 rækker har fejl" in page
    assert page.count("Slutdatoen skal ligge efter startdatoen.") == 2  # the profile's own words


def test_a_possible_duplicate_of_an_existing_volunteer_is_queued_for_review(
    client, db, consultant, branches, registered, make_volunteer
):
    # Row 4 is "Åse Øster", 12345678, at another address: the same person typed differently
    aase = make_volunteer(
        email="aase.privat@example.org",
        first_name="Aase",
        last_name="Østersen",
        phone="+45 12 34 56 78",
    )
    path = _upload(client, "csv")
    import_good(client, path)
    new = imported(db)["aase.oester@example.org"]
    pair = db.session.scalars(select(DuplicatePair)).one()
    page = client.get(path).get_data(as_text=True)
    assert 'href="/consultant/duplicates"' in page and "1 mulig dublet at gennemgå" in page
    assert {pair.first_id, pair.second_id} == {aase.id, new.id}
    assert (pair.source, pair.status) == ("import", "open") and "phone" in pair.why
    assert new.phone_key == aase.phone_key == "12345678"  # the bulk insert keys the phone too
    queue = client.get("/consultant/duplicates").get_data(as_text=True)
    assert "Østersen" in queue and "Øster" in queue


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "tom.csv", "Filen har ingen rækker."),
        (b"\n\n", "tom.csv", "Filen har ingen rækker."),
        (b"PK\x03\x04 not really a workbook", "ødelagt.xlsx", "Filen kan ikke læses"),
        (b"navn;mail\n", "liste.pdf", "Vælg en CSV- eller XLSX-fil."),
    ],
)
def test_a_file_that_cannot_be_read_is_refused(client, db, consultant, content, filename, message):
    response = upload(client, content, filename)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count()).select_from(Volunteer)) == 0


def test_a_file_must_be_chosen(client, db, consultant):
    response = client.post("/consultant/import/", data={}, content_type="multipart/form-data")
    assert response.status_code == 422
    assert "Vælg en fil." in response.get_data(as_text=True)


def test_a_file_too_large_is_refused(client, db, consultant, app, monkeypatch):
    monkeypatch.setitem(app.config, "IMPORT_MAX_BYTES", 100)
    response = upload(client, b"Navn;Mail\r\n" + b"A;a@example.org\r\n" * 20, "stor.csv")
    assert response.status_code == 422
    assert "Filen er for stor." in response.get_data(as_text=True)


def test_an_upload_never_imported_is_dropped_by_retention(client, db, consultant, runner):
    path = _upload(client, "csv")
    fresh = _upload(client, "csv")
    batch_id = int(path.rsplit("/", 1)[1])
    db.session.rollback()
    old = db.session.get(ImportBatch, batch_id)
    old.created_at = utcnow() - timedelta(days=8)
    db.session.commit()
    result = runner.invoke(args=["retention", "--dry-run"])
    assert "would drop uploads never imported: 1" in result.output
    assert db.session.get(ImportBatch, batch_id).content is not None  # a dry run changes nothing
    result = runner.invoke(args=["retention"])
    assert "drop uploads never imported: 1" in result.output
    db.session.rollback()
    old = db.session.get(ImportBatch, batch_id)
    assert old.status == "cancelled" and old.content is None
    assert client.get(f"{fresh}/columns").status_code == 200  # a recent upload waits on
