"""Reading a spreadsheet as Danish offices save it, and reading its cells: phones, dates,
languages, countries and branch names."""

from datetime import date, datetime

import pytest

from crm.imports.cells import parse_date, parse_phone
from crm.imports.checking import Context
from crm.imports.mapping import guess_mapping
from crm.imports.reading import UnreadableFile, read_table

DANISH = "Navn;By\r\nÆble Ørsted;Århus\r\n"


@pytest.mark.parametrize(
    "content",
    [
        DANISH.encode("cp1252"),  # Excel's "CSV (semikolonsepareret)"
        DANISH.encode("utf-8"),
        "\ufeff".encode() + DANISH.encode("utf-8"),  # "CSV UTF-8", with a byte order mark
        DANISH.replace(";", ",").encode("utf-8-sig"),  # LibreOffice's comma default
    ],
)
def test_danish_letters_come_through_every_encoding_and_delimiter(content):
    table = read_table(content, "liste.csv", 100)
    assert table.headers == ("Navn", "By")
    assert [row.cells for row in table.rows] == [("Æble Ørsted", "Århus")]


def test_rows_keep_their_spreadsheet_numbers_across_blank_and_multi_line_rows():
    content = b'Navn;Noter\r\n\r\nA;"to\r\nlinjer"\r\n;\r\nB;x\r\n'
    table = read_table(content, "liste.csv", 100)
    assert [(row.number, row.cells[0]) for row in table.rows] == [(3, "A"), (6, "B")]


def test_too_many_rows_are_refused():
    with pytest.raises(UnreadableFile) as error:
        read_table(b"Navn\r\nA\r\nB\r\nC\r\n", "liste.csv", 2)
    assert error.value.reason == "too_many_rows"


@pytest.mark.parametrize(
    ("text", "e164"),
    [
        ("+45 12 34 56 78", "+4512345678"),
        ("12345678", "+4512345678"),
        ("0045 1234 5678", "+4512345678"),
        (12345678, "+4512345678"),  # a number cell in XLSX
        (12345678.0, "+4512345678"),
        ("+46 70 123 45 67", "+46701234567"),
    ],
)
def test_phone_numbers_become_e164(text, e164):
    assert parse_phone(text) == e164


@pytest.mark.parametrize("text", ["123", "telefon", "+45 12"])
def test_what_is_not_a_phone_number_is_refused(text):
    with pytest.raises(ValueError):
        parse_phone(text)


@pytest.mark.parametrize(
    "value", ["31-12-1980", "31.12.1980", "1980-12-31", "31/12/1980", datetime(1980, 12, 31)]
)
def test_dates_in_danish_and_iso_forms(value):
    assert parse_date(value) == date(1980, 12, 31)


def test_branch_names_are_matched_loosely_and_unknown_ones_refused():
    ctx = Context(
        [
            (1, "Socialdemokratiet i Aarhus"),
            (2, "Socialdemokratiet i Odense"),
            (3, "Socialdemokratiet i Aalborg"),
        ]  # fmt: skip
    )
    assert ctx.branch("Aarhus") == (1, None)
    assert ctx.branch("socialdemokratiet i odense") == (2, None)
    assert ctx.branch("Arhus") == (1, None)  # a typo
    assert ctx.branch("Vejle") == (None, "unknown_branch")


def test_a_town_finds_its_branch_when_the_party_has_only_one_or_two():
    # too few names to tell "Socialdemokratiet i" is common to all: the town's word decides
    assert Context([(1, "Socialdemokratiet i Aarhus")]).branch("Aarhus") == (1, None)
    two = Context([(1, "Socialdemokratiet i Aarhus"), (2, "Socialdemokratiet i Aarhus Øst")])
    assert two.branch("Øst") == (2, None)
    assert two.branch("Aarhus")[0] is None  # in both names: not guessed


def test_headers_in_danish_and_english_are_guessed():
    headers = ("Fornavn", "Efternavn", "E-mail", "Mobil", "Postnr.", "Lokalafdeling", "Lande")
    assert guess_mapping(headers) == {
        "first_name": "Fornavn",
        "last_name": "Efternavn",
        "email": "E-mail",
        "phone": "Mobil",
        "postcode": "Postnr.",
        "branch": "Lokalafdeling",
        "countries": "Lande",
    }
    english = ("Name", "Mail", "Phone", "City", "Experience", "Languages", "Countries")
    assert guess_mapping(english) == {
        "full_name": "Name",
        "email": "Mail",
        "phone": "Phone",
        "city": "City",
        "experience": "Experience",
        "languages": "Languages",
        "countries": "Countries",
    }
