"""Invoice routes. Writes need If-Match with the ETag of the version read."""

from fastapi import APIRouter, Query, Response, status

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.problems import NotFound
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.invoice_filters import InvoiceFilters
from facturo_invoicing.entrypoints.mapping import (
    create_command,
    invoice_read,
    update_command,
)
from facturo_invoicing.entrypoints.preconditions import (
    IfMatch,
    Settings,
    Today,
    current_on_stale,
    etag,
)
from facturo_invoicing.entrypoints.schemas import (
    InvoiceCreate,
    InvoicePage,
    InvoiceRead,
    InvoiceUpdate,
)
from facturo_invoicing.service_layer.commands import SendInvoice, SubmitInvoice
from facturo_invoicing.service_layer.invoices import (
    create_invoice,
    submit_invoice,
    update_invoice,
    visible_invoice,
)
from facturo_invoicing.service_layer.issuing import PDF
from facturo_invoicing.service_layer.payments import send_invoice

router = APIRouter(prefix="/invoices", tags=["invoices"])

WRITE_RESPONSES: dict[int | str, dict[str, str]] = {
    409: {"description": "not allowed in the invoice's status"},
    412: {"description": "stale If-Match; the body's `current` is the invoice now"},
    428: {"description": "If-Match missing"},
}


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_invoice(
    body: InvoiceCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    response: Response,
) -> InvoiceRead:
    async with uow:
        invoice = await create_invoice(
            create_command(body), uow, principal, settings.accounting_currency
        )
        response.headers["ETag"] = etag(invoice.version)
        response.headers["Location"] = f"/api/v1/invoices/{invoice.id}"
        return invoice_read(invoice)


@router.get("")
async def get_invoices(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    today: Today,
    where: InvoiceFilters,
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
) -> InvoicePage:
    require(principal, Action.INVOICE_READ)
    async with uow:
        items, total = await repository.list_invoices(uow.session, where, limit, offset)
        return InvoicePage(
            items=[invoice_read(i, today) for i in items],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/{invoice_id}")
async def get_invoice(
    invoice_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    today: Today,
) -> InvoiceRead:
    async with uow:
        invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
        response.headers["ETag"] = etag(invoice.version)
        return invoice_read(invoice, today)


@router.patch("/{invoice_id}", responses=WRITE_RESPONSES)
async def patch_invoice(
    invoice_id: str,
    body: InvoiceUpdate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    settings: Settings,
    response: Response,
    expected_version: IfMatch,
) -> InvoiceRead:
    cmd = update_command(invoice_id, expected_version, body)
    async with uow:
        with current_on_stale(invoice_read):
            invoice = await update_invoice(
                cmd, uow, principal, settings.accounting_currency
            )
        response.headers["ETag"] = etag(invoice.version)
        return invoice_read(invoice)


@router.post("/{invoice_id}/submit", responses=WRITE_RESPONSES)
async def post_submit(
    invoice_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
) -> InvoiceRead:
    cmd = SubmitInvoice(invoice_id, expected_version=expected_version)
    async with uow:
        with current_on_stale(invoice_read):
            invoice = await submit_invoice(cmd, uow, principal)
        response.headers["ETag"] = etag(invoice.version)
        return invoice_read(invoice)


@router.post("/{invoice_id}/send", responses=WRITE_RESPONSES)
async def post_send(
    invoice_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
) -> InvoiceRead:
    """Mark an issued invoice sent (finance); payments can follow."""
    cmd = SendInvoice(invoice_id, expected_version=expected_version)
    async with uow:
        with current_on_stale(invoice_read):
            invoice = await send_invoice(cmd, uow, principal)
        response.headers["ETag"] = etag(invoice.version)
        return invoice_read(invoice)


@router.get(
    "/{invoice_id}/pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}},
)
async def get_pdf(
    invoice_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> Response:
    async with uow:
        invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
        document = await repository.get_document(uow.session, invoice.id, PDF)
        if document is None:
            raise NotFound("this invoice has no PDF until it is issued")
        filename = f"{invoice.number}.pdf"
        return Response(
            document.content,
            media_type=document.media_type,
            headers={
                "Content-Disposition": f'inline; filename="{filename}"',
                "ETag": f'"{document.sha256}"',
            },
        )
