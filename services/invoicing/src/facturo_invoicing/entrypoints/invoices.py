"""Invoice routes."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response, status

from facturo_chassis.auth.policy import Action, require, scope_filter
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.problems import NotFound
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.mapping import create_command, invoice_read
from facturo_invoicing.entrypoints.schemas import (
    InvoiceCreate,
    InvoicePage,
    InvoiceRead,
)
from facturo_invoicing.service_layer.commands import SubmitInvoice
from facturo_invoicing.service_layer.invoices import (
    create_invoice,
    submit_invoice,
    visible_invoice,
)
from facturo_invoicing.service_layer.issuing import PDF

router = APIRouter(prefix="/invoices", tags=["invoices"])


def etag(version: int) -> str:
    return f'W/"{version}"'


def parse_if_match(value: str | None) -> int | None:
    if value is None:
        return None
    digits = value.strip().removeprefix("W/").strip('"')
    return int(digits) if digits.isdigit() else -1


@router.post("", status_code=status.HTTP_201_CREATED)
async def post_invoice(
    body: InvoiceCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> InvoiceRead:
    async with uow:
        invoice = await create_invoice(create_command(body), uow, principal)
        response.headers["ETag"] = etag(invoice.version)
        response.headers["Location"] = f"/api/v1/invoices/{invoice.id}"
        return invoice_read(invoice)


@router.get("")
async def get_invoices(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    department: list[str] | None = Query(default=None),
    invoice_status: str | None = Query(default=None, alias="status"),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
) -> InvoicePage:
    require(principal, Action.INVOICE_READ)
    async with uow:
        items, total = await repository.list_invoices(
            uow.session,
            scope_filter(principal, department),
            invoice_status,
            limit,
            offset,
        )
        return InvoicePage(
            items=[invoice_read(i) for i in items],
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
) -> InvoiceRead:
    async with uow:
        invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
        response.headers["ETag"] = etag(invoice.version)
        return invoice_read(invoice)


@router.post("/{invoice_id}/submit")
async def post_submit(
    invoice_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    if_match: Annotated[str | None, Header()] = None,
) -> InvoiceRead:
    cmd = SubmitInvoice(invoice_id, expected_version=parse_if_match(if_match))
    async with uow:
        invoice = await submit_invoice(cmd, uow, principal)
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
