"""Credit note routes: drafted under their invoice, then by their own id.

A credit note is seen by whoever sees its invoice's department; writes need
If-Match with the credit note's ETag.
"""

from fastapi import APIRouter, Response, status

from facturo_chassis.auth.policy import Action
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.problems import NotFound
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.credit_note_mapping import (
    create_command,
    credit_note_read,
)
from facturo_invoicing.entrypoints.invoices import WRITE_RESPONSES
from facturo_invoicing.entrypoints.preconditions import (
    IfMatch,
    current_on_stale,
    etag,
)
from facturo_invoicing.entrypoints.schemas import (
    CreditNoteCreate,
    CreditNoteList,
    CreditNoteRead,
)
from facturo_invoicing.service_layer.commands import SubmitCreditNote
from facturo_invoicing.service_layer.credit_notes import (
    create_credit_note,
    submit_credit_note,
    visible_credit_note,
)
from facturo_invoicing.service_layer.invoices import visible_invoice

by_invoice = APIRouter(
    prefix="/invoices/{invoice_id}/credit-notes", tags=["credit notes"]
)
router = APIRouter(prefix="/credit-notes", tags=["credit notes"])


@by_invoice.post("", status_code=status.HTTP_201_CREATED)
async def post_credit_note(
    invoice_id: str,
    body: CreditNoteCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> CreditNoteRead:
    """Draft a credit note of an issued invoice (a clerk of its department,
    or finance). 409 when the invoice has nothing left to credit."""
    async with uow:
        note = await create_credit_note(
            create_command(invoice_id, body), uow, principal
        )
        response.headers["ETag"] = etag(note.version)
        response.headers["Location"] = f"/api/v1/credit-notes/{note.id}"
        return credit_note_read(note)


@by_invoice.get("")
async def get_invoice_credit_notes(
    invoice_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> CreditNoteList:
    """Every credit note of the invoice, oldest first."""
    async with uow:
        invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
        notes = await repository.list_credit_notes(uow.session, invoice.id)
        return CreditNoteList(items=[credit_note_read(note) for note in notes])


@router.get("/{credit_note_id}")
async def get_credit_note(
    credit_note_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> CreditNoteRead:
    async with uow:
        note = await visible_credit_note(
            uow, principal, credit_note_id, Action.INVOICE_READ
        )
        response.headers["ETag"] = etag(note.version)
        return credit_note_read(note)


@router.post("/{credit_note_id}/submit", responses=WRITE_RESPONSES)
async def post_submit(
    credit_note_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
) -> CreditNoteRead:
    """Send the draft for approval, with its amounts planned afresh."""
    cmd = SubmitCreditNote(credit_note_id, expected_version)
    async with uow:
        with current_on_stale(credit_note_read):
            note = await submit_credit_note(cmd, uow, principal)
        response.headers["ETag"] = etag(note.version)
        return credit_note_read(note)


@router.get(
    "/{credit_note_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def get_pdf(
    credit_note_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> Response:
    async with uow:
        note = await visible_credit_note(
            uow, principal, credit_note_id, Action.INVOICE_READ
        )
        content = await repository.get_credit_note_pdf(uow.session, note.id)
        if content is None:
            raise NotFound("this credit note has no PDF until it is issued")
        return Response(
            content,
            media_type="application/pdf",
            headers={
                "Content-Disposition": f'inline; filename="{note.number}.pdf"',
                "ETag": f'"{note.pdf_sha256}"',
            },
        )
