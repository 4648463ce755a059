"""Sending an issued invoice, and recording or reversing its payments.

The rules are the domain's (`domain.payments`); these handlers load the
invoice under its row lock, check the version the caller read, apply the
domain's ledger to the stored rows and publish what changed.
"""

import logging
import uuid
from datetime import UTC, date, datetime
from typing import Any

from facturo_chassis.auth.policy import Action
from facturo_chassis.auth.principal import Principal
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters.orm import Invoice, Payment
from facturo_invoicing.domain import payments as ledgers
from facturo_invoicing.domain.errors import FieldProblem
from facturo_invoicing.domain.status import InvoiceAction, InvoiceStatus, transition
from facturo_invoicing.service_layer.commands import (
    RecordPayment,
    ReversePayment,
    SendInvoice,
)
from facturo_invoicing.service_layer.invoices import bump_version, visible_invoice
from facturo_invoicing.service_layer.ledgers import (
    apply_ledger,
    ledger_of,
    ledger_rows,
    refund_due_of,
)
from facturo_invoicing.service_layer.versions import check_version

logger = logging.getLogger(__name__)


async def send_invoice(
    cmd: SendInvoice, uow: UnitOfWork, principal: Principal
) -> Invoice:
    """Mark an issued invoice sent; the e-mail itself went out at issue."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.INVOICE_SEND, lock=True
    )
    check_version(invoice, cmd.expected_version)
    invoice.status = transition(InvoiceStatus(invoice.status), InvoiceAction.SEND)
    invoice.sent_at = datetime.now(UTC)
    bump_version(invoice)
    assert invoice.number is not None
    await uow.publish(
        events.InvoiceSent(
            invoice_id=invoice.id,
            department=invoice.department,
            number=invoice.number,
            sent_at=invoice.sent_at,
        )
    )
    logger.info("invoice %s sent", invoice.id)
    return invoice


async def record_payment(
    cmd: RecordPayment, uow: UnitOfWork, principal: Principal, today: date
) -> tuple[Invoice, Payment]:
    """Count a payment; refuse an invalid one, or one beyond what is owed."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.PAYMENT_WRITE, lock=True
    )
    check_version(invoice, cmd.expected_version)
    rows = await ledger_rows(uow, invoice)
    payment = _new_payment(cmd, invoice.currency)
    ledger = _record(ledger_of(invoice, rows), payment, today)
    row = _payment_row(invoice.id, ledger.payments[-1], principal)
    uow.session.add(row)
    apply_ledger(invoice, ledger)
    await uow.session.flush()
    await uow.publish(
        events.PaymentRecorded(
            **_payment_facts(invoice, row),
            received_on=row.received_on,
            method=row.method,
            reference=row.reference,
        )
    )
    logger.info(
        "payment %s recorded on invoice %s, now %s", row.id, invoice.id, invoice.status
    )
    return invoice, row


async def reverse_payment(
    cmd: ReversePayment, uow: UnitOfWork, principal: Principal, today: date
) -> tuple[Invoice, Payment]:
    """Stop counting a payment (bounced cheque, wrong invoice), with a reason."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.PAYMENT_WRITE, lock=True
    )
    check_version(invoice, cmd.expected_version)
    rows = await ledger_rows(uow, invoice)
    ledger = ledgers.reverse_payment(
        ledger_of(invoice, rows), cmd.payment_id, cmd.reason, today
    )
    [row] = [row for row in rows.payments if row.id == cmd.payment_id]
    [reversed_] = [p for p in ledger.payments if p.id == cmd.payment_id]
    assert reversed_.reversal is not None
    row.reversed_on = reversed_.reversal.on
    row.reversal_reason = reversed_.reversal.reason
    row.reversed_by = principal.subject
    apply_ledger(invoice, ledger)
    await uow.publish(
        events.PaymentReversed(
            **_payment_facts(invoice, row), reason=reversed_.reversal.reason
        )
    )
    logger.info(
        "payment %s reversed on invoice %s, now %s", row.id, invoice.id, invoice.status
    )
    return invoice, row


def _record(
    ledger: ledgers.PaymentLedger, payment: ledgers.Payment, today: date
) -> ledgers.PaymentLedger:
    """The domain's rules, and one of ours: money is not received in future."""
    future = []
    if payment.received_on > today:
        future = [FieldProblem("received_on", f"must not be after today {today}")]
    try:
        ledger = ledgers.record_payment(ledger, payment)
    except ledgers.InvalidPayment as invalid:
        raise ledgers.InvalidPayment([*invalid.problems, *future]) from None
    if future:
        raise ledgers.InvalidPayment(future)
    return ledger


def _new_payment(cmd: RecordPayment, currency: str) -> ledgers.Payment:
    return ledgers.Payment(
        id=str(uuid.uuid4()),
        amount=cmd.amount,
        currency=currency,
        received_on=cmd.received_on,
        method=ledgers.PaymentMethod(cmd.method),
        reference=cmd.reference.strip(),
    )


def _payment_row(
    invoice_id: str, payment: ledgers.Payment, principal: Principal
) -> Payment:
    return Payment(
        id=payment.id,
        invoice_id=invoice_id,
        amount=payment.amount,
        currency=payment.currency,
        received_on=payment.received_on,
        method=payment.method.value,
        reference=payment.reference,
        recorded_by=principal.subject,
        recorded_at=datetime.now(UTC),
    )


def _payment_facts(invoice: Invoice, row: Payment) -> dict[str, Any]:
    assert invoice.outstanding is not None
    return {
        "invoice_id": invoice.id,
        "department": invoice.department,
        "payment_id": row.id,
        "amount": row.amount,
        "currency": row.currency,
        "status": invoice.status,
        "paid": invoice.paid,
        "outstanding": invoice.outstanding,
        "refund_due": refund_due_of(invoice),
    }
