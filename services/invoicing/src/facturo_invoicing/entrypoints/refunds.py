"""Refund routes of an invoice. Writes need If-Match with the invoice's ETag.

Recording or reversing a refund changes the invoice (its status, what is
refunded and still due back), so both bump the invoice's version.
"""

from fastapi import APIRouter, Response, status

from facturo_chassis.auth.policy import Action
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.invoices import WRITE_RESPONSES
from facturo_invoicing.entrypoints.mapping import invoice_read
from facturo_invoicing.entrypoints.payment_mapping import balance_read, refund_read
from facturo_invoicing.entrypoints.preconditions import (
    IfMatch,
    Today,
    current_on_stale,
    etag,
)
from facturo_invoicing.entrypoints.schemas import (
    RefundCreate,
    RefundList,
    RefundResult,
    RefundReverse,
)
from facturo_invoicing.service_layer.commands import RecordRefund, ReverseRefund
from facturo_invoicing.service_layer.invoices import visible_invoice
from facturo_invoicing.service_layer.refunds import record_refund, reverse_refund

router = APIRouter(prefix="/invoices/{invoice_id}/refunds", tags=["refunds"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES)
async def post_refund(
    invoice_id: str,
    body: RefundCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
    today: Today,
) -> RefundResult:
    """Record money paid back (finance). 409 when more than is due back."""
    cmd = RecordRefund(
        invoice_id=invoice_id,
        expected_version=expected_version,
        amount=body.amount,
        refunded_on=body.refunded_on,
        method=body.method,
        reference=body.reference,
    )
    async with uow:
        with current_on_stale(invoice_read):
            invoice, refund = await record_refund(cmd, uow, principal, today)
        response.headers["ETag"] = etag(invoice.version)
        response.headers["Location"] = (
            f"/api/v1/invoices/{invoice.id}/refunds/{refund.id}"
        )
        return RefundResult(
            refund=refund_read(refund), invoice=balance_read(invoice, today)
        )


@router.get("")
async def get_refunds(
    invoice_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal, today: Today
) -> RefundList:
    """Every refund of the invoice, reversed ones included, oldest first."""
    async with uow:
        invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
        rows = await repository.list_refunds(uow.session, invoice.id)
        return RefundList(
            items=[refund_read(row) for row in rows],
            invoice=balance_read(invoice, today),
        )


@router.post("/{refund_id}/reverse", responses=WRITE_RESPONSES)
async def post_reverse(
    invoice_id: str,
    refund_id: str,
    body: RefundReverse,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
    today: Today,
) -> RefundResult:
    """Cancel a refund with a reason (finance); it is due back again."""
    cmd = ReverseRefund(invoice_id, refund_id, expected_version, body.reason)
    async with uow:
        with current_on_stale(invoice_read):
            invoice, refund = await reverse_refund(cmd, uow, principal, today)
        response.headers["ETag"] = etag(invoice.version)
        return RefundResult(
            refund=refund_read(refund), invoice=balance_read(invoice, today)
        )
