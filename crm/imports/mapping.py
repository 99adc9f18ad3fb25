"""The fields an import fills, and guessing which column holds each from the headers."""

import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Field:
    """A field of the volunteer's profile that a column can fill."""

    key: str
    label: object  # a lazy string
    headers: tuple[str, ...]
    """Header names (Danish and English, compared as normalise_header gives them)."""


FIELDS: tuple[Field, ...] = (
    Field("first_name", _l("First name"), ("fornavn", "fornavne", "firstname", "givenname")),
    Field("last_name", _l("Last name"), ("efternavn", "lastname", "surname", "familyname")),
    Field(
        "full_name",
        _l("Full name (split into first and last name)"),
        ("navn", "name", "fuldtnavn", "fulde navn", "fullname", "medlemsnavn"),
    ),
    Field("email", _l("E-mail"), ("email", "mail", "emailadresse", "mailadresse", "epost")),
    Field(
        "phone",
        _l("Phone"),
        (
            "telefon",
            "tlf",
            "telefonnummer",
            "mobil",
            "mobilnummer",
            "mobiltelefon",
            "phone",
            "mobile",
            "phonenumber",
            "tel",
        ),
    ),
    Field(
        "postcode",
        _l("Postcode"),
        ("postnummer", "postnr", "postcode", "zip", "zipcode", "postalcode"),
    ),
    Field("city", _l("City"), ("by", "bynavn", "postdistrikt", "city", "town")),
    Field(
        "branch",
        _l("Branch"),
        ("afdeling", "lokalafdeling", "partiafdeling", "branch", "localbranch"),
    ),
    Field(
        "experience",
        _l("Experience (free text)"),
        ("erfaring", "erfaringer", "kompetencer", "experience", "skills"),
    ),
    Field("languages", _l("Languages"), ("sprog", "sprogkundskaber", "languages", "language")),
    Field(
        "countries",
        _l("Countries known"),
        ("lande", "landekendskab", "land", "countries", "country"),
    ),
    Field(
        "available_from",
        _l("Available from (date)"),
        ("tilgængeligfra", "ledigfra", "fra", "availablefrom", "from"),
    ),
    Field(
        "available_to",
        _l("Available until (date)"),
        ("tilgængeligtil", "ledigtil", "til", "availableto", "availableuntil", "to", "until"),
    ),
)
BY_KEY = {field.key: field for field in FIELDS}


def normalise_header(header: str) -> str:
    """A header as compared: lower case, letters and digits only ("E-mail " → "email")."""
    return re.sub(r"[^0-9a-zæøåäöü]", "", header.casefold())


def guess_mapping(headers: tuple[str, ...]) -> dict[str, str]:
    """For each field, the header of the column that seems to hold it (fields with none are
    left out). Each column is used once; a first-and-last-name pair wins over a full name."""
    known = {normalise_header(name): field.key for field in FIELDS for name in field.headers}
    mapping: dict[str, str] = {}
    for header in headers:
        key = known.get(normalise_header(header))
        if key is not None and key not in mapping:
            mapping[key] = header
    if "first_name" in mapping and "full_name" in mapping:
        del mapping["full_name"]
    return mapping


def usable_mapping(columns: dict, headers: tuple[str, ...]) -> dict[str, str]:
    """A saved or submitted mapping, keeping only known fields whose header is in this file."""
    return {
        key: header
        for key, header in columns.items()
        if key in BY_KEY and isinstance(header, str) and header in headers
    }
