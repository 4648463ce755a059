"""Exports of the invoice list as CSV or XLSX files, with the list's filters.

Its router is included before the invoices router: `/invoices/export` must
not be taken for `/invoices/{invoice_id}`.
"""

import tempfile
from collections.abc import Awaitable, Callable, Iterator
from typing import IO, Any

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters.repository import InvoiceFilter
from facturo_invoicing.entrypoints.invoice_filters import InvoiceFilters
from facturo_invoicing.entrypoints.preconditions import Settings, Today
from facturo_invoicing.service_layer.exports import (
    ExportFormat,
    csv_export,
    start_export,
    xlsx_export,
)

router = APIRouter(prefix="/invoices", tags=["invoices"])

MEDIA_TYPES = {
    ExportFormat.CSV: "text/csv; charset=utf-8",
    ExportFormat.XLSX: (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
}
Writer = Callable[[UnitOfWork, InvoiceFilter, IO[bytes]], Awaitable[None]]
WRITERS: dict[ExportFormat, Writer] = {
    ExportFormat.CSV: csv_export,
    ExportFormat.XLSX: xlsx_export,
}
CHUNK_BYTES = 64 * 1024
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "the file, as an attachment",
        "content": {media_type: {} for media_type in MEDIA_TYPES.values()},
    }
}


@router.get("/export", response_class=StreamingResponse, responses=RESPONSES)
async def get_export(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    today: Today,
    where: InvoiceFilters,
    export_format: ExportFormat = Query(default=ExportFormat.CSV, alias="format"),
) -> StreamingResponse:
    """The invoices the list shows with the same filters, as a file: CSV (one
    row per invoice) or XLSX (sheets Invoices, Lines, VAT). More invoices
    than `FACTURO_EXPORT_MAX_ROWS`: 422, narrow the filters."""
    async with uow:
        await start_export(
            uow, principal, where, export_format, settings.export_max_rows
        )
        file = await _export_file(uow, where, WRITERS[export_format])
    filename = f"invoices-{today.isoformat()}.{export_format.value}"
    return StreamingResponse(
        _chunks(file),
        media_type=MEDIA_TYPES[export_format],
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )


async def _export_file(
    uow: UnitOfWork, where: InvoiceFilter, write: Writer
) -> IO[bytes]:
    """The export in an anonymous temporary file, gone once closed."""
    file = tempfile.TemporaryFile()  # noqa: SIM115 - closed by _chunks
    try:
        await write(uow, where, file)
    except BaseException:
        file.close()
        raise
    file.seek(0)
    return file


def _chunks(file: IO[bytes]) -> Iterator[bytes]:
    """The file's bytes, then closed (Starlette reads it in a worker thread)."""
    with file:
        while chunk := file.read(CHUNK_BYTES):
            yield chunk
