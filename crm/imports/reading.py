"""Reading an uploaded spreadsheet: CSV as Danish spreadsheets export it, or XLSX.

CSV: semicolon or comma (sniffed), UTF-8 with or without a byte order mark, else Windows-1252.
XLSX: the first sheet, read-only, dates as dates. Blank rows are skipped; every row keeps its
number in the spreadsheet (the header is row 1 when it is the first line), so errors can name it.
"""

import csv
import io
import warnings
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

CellValue = str | int | float | date | datetime | None


class UnreadableFile(Exception):
    """The file is not a CSV or XLSX file we can read; `reason` says why (a code)."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Row:
    """One row of data: its number in the spreadsheet and its cells, in header order."""

    number: int
    cells: tuple[CellValue, ...]


@dataclass(frozen=True)
class Table:
    """The header row's texts and the rows below it."""

    headers: tuple[str, ...]
    rows: tuple[Row, ...]


def _blank(cells) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _table(numbered, max_rows: int) -> Table:
    """The first non-blank row is the header; the rest are data rows, blank ones left out."""
    headers: tuple[str, ...] | None = None
    rows: list[Row] = []
    for number, cells in numbered:
        if _blank(cells):
            continue
        if headers is None:
            headers = tuple("" if c is None else str(c).strip() for c in cells)
            continue
        if len(rows) >= max_rows:
            raise UnreadableFile("too_many_rows")
        padded = tuple(cells[: len(headers)]) + (None,) * (len(headers) - len(cells))
        rows.append(Row(number, padded))
    if headers is None:
        raise UnreadableFile("empty")
    return Table(headers, tuple(rows))


def decode(data: bytes) -> str:
    """The text of a CSV file: UTF-8 (a byte order mark dropped), else Windows-1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as error:  # cp1252 leaves five bytes undefined
            raise UnreadableFile("encoding") from error


def sniff_delimiter(text: str) -> str:
    """Semicolon or comma (or tab): whichever splits the first lines most evenly."""
    sample = "\n".join(text.splitlines()[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=";,\t").delimiter
    except csv.Error:
        first = next((line for line in text.splitlines() if line.strip()), "")
        return max(";,\t", key=first.count)


def read_csv(data: bytes, max_rows: int) -> Table:
    """A CSV file as a Table (cells are text)."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sniff_delimiter(text))

    def numbered():
        start = 1
        try:
            for cells in reader:
                yield start, [c.strip() for c in cells]
                start = reader.line_num + 1
        except csv.Error as error:
            raise UnreadableFile("csv") from error

    return _table(numbered(), max_rows)


def read_xlsx(data: bytes, max_rows: int) -> Table:
    """The first sheet of an XLSX workbook as a Table (numbers, dates and text as stored)."""
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about styles it does not know
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                sheet = workbook.worksheets[0]
                numbered = (
                    (n, list(cells))
                    for n, cells in enumerate(sheet.iter_rows(values_only=True), start=1)
                )
                return _table(numbered, max_rows)
            finally:
                workbook.close()
    except UnreadableFile:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as error:
        raise UnreadableFile("xlsx") from error


def read_table(data: bytes, filename: str, max_rows: int) -> Table:
    """The spreadsheet in `data`: XLSX when the name or the content says so, else CSV."""
    if filename.lower().endswith(".xlsx") or data[:2] == b"PK":
        return read_xlsx(data, max_rows)
    return read_csv(data, max_rows)
