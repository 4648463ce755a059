"""From stored credit notes to HTTP schemas, and requests to commands."""

from facturo_invoicing.adapters.orm import CreditNote
from facturo_invoicing.entrypoints.schemas import (
    CreditLineRead,
    CreditNoteCreate,
    CreditNoteRead,
    CreditVatGroupRead,
)
from facturo_invoicing.entrypoints.seller_mapping import seller_read
from facturo_invoicing.service_layer.commands import CreateCreditNote


def credit_note_read(note: CreditNote) -> CreditNoteRead:
    return CreditNoteRead(
        id=note.id,
        invoice_id=note.invoice_id,
        department=note.department,
        kind=note.kind,
        status=note.status,
        reason=note.reason,
        currency=note.currency,
        net=note.net,
        vat=note.vat,
        gross=note.gross,
        lines=[_line(row) for row in note.lines],
        vat_groups=[CreditVatGroupRead.model_validate(g) for g in note.vat_groups],
        number=note.number,
        issue_date=note.issue_date,
        seller=seller_read(note),
        author_id=note.author_id,
        author_username=note.author_username,
        returned_reason=note.returned_reason,
        version=note.version,
        created_at=note.created_at,
        updated_at=note.updated_at,
    )


def _line(row: dict[str, str | None]) -> CreditLineRead:
    source = row["source"]
    return CreditLineRead.model_validate(
        {**row, "invoice_line": None if source is None else int(source) + 1}
    )


def create_command(invoice_id: str, body: CreditNoteCreate) -> CreateCreditNote:
    request: dict[str, str] = {}
    if body.gross is not None:
        request["gross"] = str(body.gross)
    for position, quantity in (body.quantities or {}).items():
        request[str(position)] = str(quantity)
    return CreateCreditNote(invoice_id, body.kind, body.reason, request)
