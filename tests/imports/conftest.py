"""A realistic messy spreadsheet, as a party office keeps it, made by the tests: as XLSX and as a
semicolon CSV in Windows-1252; Danish letters, mixed date and phone formats, blank lines, extra
columns, bad rows and repeated addresses. Plus the consultant, the branches and upload helpers."""

import csv
import io
import re
from datetime import datetime

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from crm.auth.models import Role
from crm.models import Volunteer

HEADERS = [
    "Fornavn",
    "Efternavn",
    "E-mail",
    "Mobil",
    "Postnr.",
    "By",
    "Lokalafdeling",
    "Erfaring",
    "Sprog",
    "Lande",
    "Tilgængelig fra",
    "Fødselsdato",  # an extra column, not imported
    "Noter",  # another
]

# (row in the spreadsheet, cells): the header is row 1; row 3 is blank
ROWS = [
    (
        2,
        [
            "Søren",
            "Ærøbo",
            "soeren@example.org",
            "+45 20 12 34 56",
            "8000",
            "Århus C",
            "Aarhus",
            "Har siddet i byrådet i 8 år",
            "dansk, engelsk C1",
            "Kenya, Tanzania",
            "31-12-2026",
            "01-02-1970",
            "ringet",
        ],
    ),
    (3, [""] * 13),
    (
        4,
        [
            "Åse",
            "Øster",
            "Aase.Oester@Example.org",
            "12345678",
            "0800",
            "Høje-Taastrup",
            "Socialdemokratiet i Odense",
            "Kampagner og kommunikation",
            "engelsk (flydende); fransk",
            "KE",
            "31.12.2026",
            "",
            "",
        ],
    ),
    (
        5,
        [
            "Bo",
            "Fejl",
            "bo@example.org",
            "123",
            "8000",
            "Aarhus",
            "Ukendt by",
            "",
            "klingon",
            "",
            "32-13-2026",
            "",
            "",
        ],
    ),
    (6, ["Søren", "Igen", "SOEREN@example.org", "", "", "", "", "", "", "", "", "", ""]),
    (
        7,
        [
            "Rita",
            "Registreret",
            "registered@example.org",
            "20202020",
            "5000",
            "Odense",
            "Odense",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ),
    (
        8,
        [
            "Æble",
            "Ågård",
            "aeble@example.org",
            "0045 2345 6789",
            "2100",
            "København Ø",
            "København",
            "Undervisning af unge",
            "",
            "Danmark",
            "2027-01-15",
            "",
            "",
        ],
    ),
]
GOOD = {2: "soeren@example.org", 4: "aase.oester@example.org", 8: "aeble@example.org"}
"""The rows that can be imported, with their stored addresses."""


def messy_csv(encoding: str = "cp1252", delimiter: str = ";") -> bytes:
    """The spreadsheet as Danish Excel saves "CSV (semikolonsepareret)": Windows-1252, CRLF,
    a cell holding the delimiter quoted, a blank line as an empty line."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for _number, cells in ROWS:
        if any(cells):
            writer.writerow(cells)
        else:
            buffer.write("\r\n")
    return buffer.getvalue().encode(encoding)


def _xlsx_cell(header: str, value: str):
    """As a spreadsheet holds it: dates as dates, numbers as numbers."""
    if not value:
        return None
    if header in ("Tilgængelig fra", "Fødselsdato"):
        for pattern in ("%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
            try:
                return datetime.strptime(value, pattern)
            except ValueError:
                pass
        return value
    if header == "Mobil" and value.isdigit():
        return int(value)
    if header == "Postnr." and value.isdigit():
        return int(value)  # 0800 becomes 800, as in Excel
    return value


def messy_xlsx() -> bytes:
    """The spreadsheet as an XLSX workbook (rows in their places, row 3 left blank)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    for number, cells in ROWS:
        for column, (header, value) in enumerate(zip(HEADERS, cells, strict=True), start=1):
            sheet.cell(row=number, column=column, value=_xlsx_cell(header, value))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture()
def branches(make_branch):
    return {
        "aarhus": make_branch(name="Socialdemokratiet i Aarhus", municipality="Aarhus"),
        "odense": make_branch(name="Socialdemokratiet i Odense", municipality="Odense"),
        "kbh": make_branch(name="Socialdemokratiet i København", municipality="København"),
    }


@pytest.fixture()
def registered(make_volunteer):
    """A volunteer who registered before, with the address of row 7."""
    return make_volunteer(
        email="registered@example.org", first_name="Rita", last_name="Før", phone="+4511111111"
    )


@pytest.fixture()
def consultant(make_user, auth):
    user = make_user(Role.CONSULTANT, email="konsulent@example.org", name="Karen Konsulent")
    auth.login(user.email)
    return user


def upload(client, content: bytes, filename: str):
    """Upload a file on the import page; returns the response (302 to the columns page)."""
    return client.post(
        "/consultant/import/",
        data={"file": (io.BytesIO(content), filename)},
        content_type="multipart/form-data",
    )


def batch_path(response) -> str:
    """/consultant/import/<id> from the redirect to a batch's page."""
    return re.match(r"(/consultant/import/\d+)", response.headers["Location"]).group(1)


MAPPED = {
    "first_name": "Fornavn",
    "last_name": "Efternavn",
    "email": "E-mail",
    "phone": "Mobil",
    "postcode": "Postnr.",
    "city": "By",
    "branch": "Lokalafdeling",
    "experience": "Erfaring",
    "languages": "Sprog",
    "countries": "Lande",
    "available_from": "Tilgængelig fra",
}
"""The mapping the headers above should be guessed as."""


def imported(db) -> dict[str, Volunteer]:
    """The imported volunteers by address."""
    db.session.rollback()
    rows = db.session.scalars(select(Volunteer).where(Volunteer.imported_at.is_not(None)))
    return {v.email: v for v in rows}


def choose_columns(client, path: str, data: dict):
    """Post the columns form as the page gives it: with the batch's version in it."""
    page = client.get(f"{path}/columns").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    return client.post(f"{path}/columns", data={"version": version, **data})


def import_good(client, path: str):
    """Check the rows with the mapping above and import the good ones."""
    choose_columns(client, path, {**MAPPED, "check": "1"})
    page = client.get(f"{path}/check").get_data(as_text=True)
    version = re.search(r'name="version" type="hidden" value="(\d+)"', page).group(1)
    return client.post(f"{path}/finish", data={"version": version, "import_good": "1"})
