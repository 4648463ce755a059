"""Invoice exports: the list's filter, counted against a cap, read in batches.

An export holds what the invoice list shows the caller with the same filters
(the departments already narrowed by the policy): one CSV row per invoice,
or an XLSX workbook with its Invoices, Lines and VAT sheets. Both are written
to a file inside one short transaction and downloaded from the file after
it: a slow client must not hold a transaction open (on SQLite every
transaction takes the write lock, and would stop issuing meanwhile).
"""

import asyncio
import dataclasses
import logging
from enum import StrEnum
from typing import IO

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import Unprocessable
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.export_formats import (
    BOM,
    Row,
    SheetFull,
    XlsxBook,
    csv_chunk,
)
from facturo_invoicing.adapters.repository import InvoiceFilter
from facturo_invoicing.service_layer.export_rows import (
    INVOICE_COLUMNS,
    LINE_COLUMNS,
    VAT_COLUMNS,
    invoice_row,
    line_rows,
    vat_rows,
)

logger = logging.getLogger(__name__)

BATCH = 500
SHEETS = {"Invoices": INVOICE_COLUMNS, "Lines": LINE_COLUMNS, "VAT": VAT_COLUMNS}


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"


class ExportTooLarge(Unprocessable):
    title = "Export too large"


async def start_export(
    uow: UnitOfWork,
    principal: Principal,
    where: InvoiceFilter,
    export_format: ExportFormat,
    max_rows: int,
) -> int:
    """Count the invoices the export will hold; refuse above ``max_rows``."""
    require(principal, Action.INVOICE_EXPORT)
    rows = await repository.count_invoices(uow.session, where)
    refused = rows > max_rows
    logger.info(
        "%s export %s for %s: %d invoices, filter %s",
        export_format.value,
        "refused" if refused else "started",
        principal.subject,
        rows,
        described(where),
    )
    if refused:
        raise ExportTooLarge(
            f"{rows} invoices match, more than the {max_rows} an export holds; "
            "narrow the filters (issued_from, issued_to, department, status)",
            rows=rows,
            max_rows=max_rows,
        )
    return rows


async def csv_export(uow: UnitOfWork, where: InvoiceFilter, file: IO[bytes]) -> None:
    """Write the CSV into ``file``, within the caller's unit of work, one
    chunk per ``BATCH`` invoices."""
    file.write(BOM + csv_chunk([INVOICE_COLUMNS]))
    rows: list[Row] = []
    async for invoice in repository.stream_invoices(uow.session, where, BATCH):
        rows.append(invoice_row(invoice))
        if len(rows) == BATCH:
            file.write(csv_chunk(rows))
            rows = []
    file.write(csv_chunk(rows))


async def xlsx_export(uow: UnitOfWork, where: InvoiceFilter, file: IO[bytes]) -> None:
    """Write the workbook into ``file``, within the caller's unit of work."""
    book = XlsxBook(SHEETS)
    try:
        async for invoice in repository.stream_invoices(uow.session, where, BATCH):
            book.append("Invoices", invoice_row(invoice))
            for row in line_rows(invoice):
                book.append("Lines", row)
            for row in vat_rows(invoice):
                book.append("VAT", row)
    except SheetFull as full:
        book.discard()
        raise ExportTooLarge(f"{full}; narrow the filters") from None
    except BaseException:
        book.discard()
        raise
    await asyncio.to_thread(book.save, file)


def described(where: InvoiceFilter) -> str:
    """The filter for a log line: codes and dates, nothing about a person."""
    shown = dataclasses.asdict(where)
    del shown["today"]
    if where.departments is not None:
        shown["departments"] = ",".join(sorted(where.departments))
    kept = {name: value for name, value in shown.items() if value is not None}
    return " ".join(f"{name}={value}" for name, value in kept.items()) or "none"
