"""CSV and XLSX writers for exports: typed cells, text guarded against formulas.

A cell's type decides how it is written, never its content: text is text
(guarded), an `Amount` or a `Decimal` is a number, a date is a date.

CSV: RFC 4180 (comma, CRLF, quotes as needed), numbers as plain decimal
strings with a dot, dates ISO 8601. It starts with a UTF-8 byte order mark:
Excel reads a CSV as UTF-8 only when it has one (without it "Société"
comes out garbled), and CSV readers that know encodings skip it
(Python's "utf-8-sig", pandas, LibreOffice), so it costs machines little.

XLSX: openpyxl in write-only mode, every row going straight to a temporary
file, so memory holds no sheet. Amounts are numeric cells in the currency's
minor unit format, written from their exact decimal digits; Excel holds 15
significant digits, so an amount beyond (a trillion with its cents) shows
rounded there while the CSV keeps it exact.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

# What makes a spreadsheet take a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff".encode()
EXCEL_MAX_ROWS = 1_048_576
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


@dataclass(frozen=True)
class Amount:
    """Money with ``digits`` decimal places, its currency's minor unit."""

    value: Decimal
    digits: int


Cell = str | int | Decimal | Amount | date | datetime | None
Row = Sequence[Cell]
XlsxCell = Any  # what openpyxl's WriteOnlyCell() makes (openpyxl is untyped)


class SheetFull(Exception):
    """A sheet would pass the rows an XLSX sheet can hold."""


def guarded(text: str) -> str:
    """``text`` with a quote before it if a spreadsheet would run it."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_chunk(rows: Iterable[Row]) -> bytes:
    """Rows as CSV lines, UTF-8 encoded."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerows([_csv_value(value) for value in row] for row in rows)
    return buffer.getvalue().encode()


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guarded(value)
    if isinstance(value, Amount):
        return format(value.value, "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class XlsxBook:
    """A write-only workbook: sheets with a bold, frozen header row."""

    def __init__(self, sheets: Mapping[str, Sequence[str]]) -> None:
        self._book = Workbook(write_only=True)
        self._sheets: dict[str, Any] = {}
        self._rows = dict.fromkeys(sheets, 0)
        for title, header in sheets.items():
            sheet = self._book.create_sheet(title)
            sheet.freeze_panes = "A2"
            sheet.append([_header_cell(sheet, name) for name in header])
            self._sheets[title] = sheet

    def append(self, title: str, row: Row) -> None:
        self._rows[title] += 1
        if self._rows[title] >= EXCEL_MAX_ROWS:
            raise SheetFull(f"the {title} sheet would pass {EXCEL_MAX_ROWS} rows")
        sheet = self._sheets[title]
        sheet.append([_xlsx_cell(sheet, value) for value in row])

    def save(self, file: IO[bytes]) -> None:
        self._book.save(file)

    def discard(self) -> None:
        """Remove the temporary files of a workbook that will not be saved
        (openpyxl has no public way; it would remove them at exit only)."""
        for sheet in self._sheets.values():
            writer = sheet._writer
            if writer is not None:
                sheet.close()
                writer.cleanup()


def _header_cell(sheet: object, name: str) -> XlsxCell:
    cell = _text_cell(sheet, name)
    cell.font = Font(bold=True)
    return cell


def _xlsx_cell(sheet: object, value: Cell) -> XlsxCell | None:
    if value is None:
        return None
    if isinstance(value, str):
        return _text_cell(sheet, guarded(value))
    if isinstance(value, Amount):
        return _number_cell(sheet, value.value, _money_format(value.digits))
    if isinstance(value, Decimal):
        return _number_cell(sheet, value, "General")
    if isinstance(value, datetime):
        naive_utc = value.astimezone(UTC).replace(tzinfo=None)
        return _formatted(WriteOnlyCell(sheet, naive_utc), DATETIME_FORMAT)
    if isinstance(value, date):
        return _formatted(WriteOnlyCell(sheet, value), DATE_FORMAT)
    return WriteOnlyCell(sheet, value)


def _text_cell(sheet: object, text: str) -> XlsxCell:
    """A string cell, even for text like "#N/A" that openpyxl would retype;
    characters XML 1.0 cannot carry (control codes) are left out."""
    cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", text))
    cell.data_type = "s"
    return cell


def _number_cell(sheet: object, value: Decimal, number_format: str) -> XlsxCell:
    """A numeric cell holding the decimal's own digits: openpyxl would write
    a Decimal through a float ("9.300000000000001" for 9.30)."""
    cell = WriteOnlyCell(sheet, format(value, "f"))
    cell.data_type = "n"
    return _formatted(cell, number_format)


def _formatted(cell: XlsxCell, number_format: str) -> XlsxCell:
    cell.number_format = number_format
    return cell


def _money_format(digits: int) -> str:
    return "#,##0." + "0" * digits if digits else "#,##0"
