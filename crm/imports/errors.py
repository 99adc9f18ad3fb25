"""The error file: one line per error with the row's number, the field and the reason."""

from collections.abc import Iterable, Iterator

from flask_babel import gettext as _

from crm.imports.checking import RowError
from crm.imports.mapping import BY_KEY


def error_header() -> list[str]:
    """The error file's header, in the reader's language."""
    return [_("Row"), _("Field"), _("Reason")]


def error_rows(errors: Iterable[RowError]) -> Iterator[list[object]]:
    """Each error as a line: row number in the spreadsheet, field label, reason in words."""
    for error in errors:
        yield [error.row, str(BY_KEY[error.field].label), error.text()]
