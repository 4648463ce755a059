"""Payment routes of an invoice. Writes need If-Match with the invoice's ETag.

Recording or reversing a payment changes the invoice (its status, what is
paid and outstanding), so both bump the invoice's version.
"""

from fastapi import APIRouter, Response, status

from facturo_chassis.auth.policy import Action
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_invoicing.adapters import repository
from facturo_invoicing.entrypoints.invoices import WRITE_RESPONSES
from facturo_invoicing.entrypoints.mapping import invoice_read
from facturo_invoicing.entrypoints.payment_mapping import balance_read, payment_read
from facturo_invoicing.entrypoints.preconditions import (
    IfMatch,
    Today,
    current_on_stale,
    etag,
)
from facturo_invoicing.entrypoints.schemas import (
    PaymentCreate,
    PaymentList,
    PaymentResult,
    PaymentReverse,
)
from facturo_invoicing.service_layer.commands import RecordPayment, ReversePayment
from facturo_invoicing.service_layer.invoices import visible_invoice
from facturo_invoicing.service_layer.payments import record_payment, reverse_payment

router = APIRouter(prefix="/invoices/{invoice_id}/payments", tags=["payments"])


@router.post("", status_code=status.HTTP_201_CREATED, responses=WRITE_RESPONSES)
async def post_payment(
    invoice_id: str,
    body: PaymentCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
    today: Today,
) -> PaymentResult:
    """Record money received (finance). 409 when it is more than is due."""
    cmd = RecordPayment(
        invoice_id=invoice_id,
        expected_version=expected_version,
        amount=body.amount,
        received_on=body.received_on,
        method=body.method,
        reference=body.reference,
    )
    async with uow:
        with current_on_stale(invoice_read):
            invoice, payment = await record_payment(cmd, uow, principal, today)
        response.headers["ETag"] = etag(invoice.version)
        response.headers["Location"] = (
            f"/api/v1/invoices/{invoice.id}/payments/{payment.id}"
        )
        return PaymentResult(
            payment=payment_read(payment), invoice=balance_read(invoice, today)
        )


@router.get("")
async def get_payments(
    invoice_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal, today: Today
) -> PaymentList:
    """Every payment of the invoice, reversed ones included, oldest first."""
    async with uow:
        invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
        rows = await repository.list_payments(uow.session, invoice.id)
        return PaymentList(
            items=[payment_read(row) for row in rows],
            invoice=balance_read(invoice, today),
        )


@router.post("/{payment_id}/reverse", responses=WRITE_RESPONSES)
async def post_reverse(
    invoice_id: str,
    payment_id: str,
    body: PaymentReverse,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
    today: Today,
) -> PaymentResult:
    """Cancel a payment with a reason (finance); it no longer counts."""
    cmd = ReversePayment(invoice_id, payment_id, expected_version, body.reason)
    async with uow:
        with current_on_stale(invoice_read):
            invoice, payment = await reverse_payment(cmd, uow, principal, today)
        response.headers["ETag"] = etag(invoice.version)
        return PaymentResult(
            payment=payment_read(payment), invoice=balance_read(invoice, today)
        )
