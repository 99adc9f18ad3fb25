"""The results as an XLSX workbook (openpyxl): one sheet per table, numbers and dates typed."""

import io
from datetime import date

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from crm.consultant.exports import FORMULA_STARTS
from crm.results.tables import Cell, Table

MAX_SHEET_TITLE = 31
"""Excel's limit on a sheet's name."""
INVALID_TITLE_CHARACTERS = str.maketrans({c: " " for c in "[]:*?/\\"})


def _cell(value: Cell) -> Cell:
    """A text that starts like a formula gets a leading ' (it is never run); the rest as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _sheet_title(title: str) -> str:
    return title.translate(INVALID_TITLE_CHARACTERS)[:MAX_SHEET_TITLE]


def workbook_bytes(tables: list[Table]) -> bytes:
    """The tables as an .xlsx file: a sheet each, titled, a bold header, dates as dates."""
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title))
        sheet.append(list(table.header))
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        for index, heading in enumerate(table.header, start=1):
            cells = [heading, *(row[index - 1] for row in table.rows)]
            width = max(len(str(c)) for c in cells if c is not None)
            sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 10), 60)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
