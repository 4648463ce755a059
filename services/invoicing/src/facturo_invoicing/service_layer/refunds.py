"""Recording or reversing the refunds of an invoice paid beyond what it owes.

Like payments: the rules are the domain's (`domain.refunds`); these handlers
load the invoice under its row lock, check the version the caller read,
apply the ledger to the stored rows and publish what changed.
"""

import logging
import uuid
from datetime import UTC, date, datetime
from typing import Any

from facturo_chassis.auth.policy import Action
from facturo_chassis.auth.principal import Principal
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters.orm import Invoice, Refund
from facturo_invoicing.domain import payments as ledgers
from facturo_invoicing.domain import refunds
from facturo_invoicing.domain.errors import FieldProblem
from facturo_invoicing.service_layer.commands import RecordRefund, ReverseRefund
from facturo_invoicing.service_layer.invoices import visible_invoice
from facturo_invoicing.service_layer.ledgers import (
    apply_ledger,
    ledger_of,
    ledger_rows,
    refund_due_of,
)
from facturo_invoicing.service_layer.versions import check_version

logger = logging.getLogger(__name__)

DOING = "record refunds of"


async def record_refund(
    cmd: RecordRefund, uow: UnitOfWork, principal: Principal, today: date
) -> tuple[Invoice, Refund]:
    """Count a refund; refuse one when nothing, or less, is due back."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.PAYMENT_WRITE, lock=True
    )
    check_version(invoice, cmd.expected_version)
    rows = await ledger_rows(uow, invoice)
    refund = _new_refund(cmd, invoice.currency)
    ledger = _record(ledger_of(invoice, rows, DOING), refund, today)
    row = _refund_row(invoice.id, ledger.refunds[-1], principal)
    uow.session.add(row)
    apply_ledger(invoice, ledger)
    await uow.session.flush()
    await uow.publish(
        events.RefundRecorded(
            **_refund_facts(invoice, row),
            refunded_on=row.refunded_on,
            method=row.method,
        )
    )
    logger.info(
        "refund %s recorded on invoice %s, now %s", row.id, invoice.id, invoice.status
    )
    return invoice, row


async def reverse_refund(
    cmd: ReverseRefund, uow: UnitOfWork, principal: Principal, today: date
) -> tuple[Invoice, Refund]:
    """Stop counting a refund (the transfer came back), with a reason."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.PAYMENT_WRITE, lock=True
    )
    check_version(invoice, cmd.expected_version)
    rows = await ledger_rows(uow, invoice)
    ledger = refunds.reverse_refund(
        ledger_of(invoice, rows, DOING), cmd.refund_id, cmd.reason, today
    )
    [row] = [row for row in rows.refunds if row.id == cmd.refund_id]
    [reversed_] = [r for r in ledger.refunds if r.id == cmd.refund_id]
    assert reversed_.reversal is not None
    row.reversed_on = reversed_.reversal.on
    row.reversal_reason = reversed_.reversal.reason
    row.reversed_by = principal.subject
    apply_ledger(invoice, ledger)
    await uow.publish(
        events.RefundReversed(**_refund_facts(invoice, row), reversed_on=today)
    )
    logger.info(
        "refund %s reversed on invoice %s, now %s", row.id, invoice.id, invoice.status
    )
    return invoice, row


def _record(
    ledger: ledgers.PaymentLedger, refund: ledgers.Refund, today: date
) -> ledgers.PaymentLedger:
    """The domain's rules, and one of ours: no refund is dated in future."""
    future = []
    if refund.refunded_on > today:
        future = [FieldProblem("refunded_on", f"must not be after today {today}")]
    try:
        ledger = refunds.record_refund(ledger, refund)
    except refunds.InvalidRefund as invalid:
        raise refunds.InvalidRefund([*invalid.problems, *future]) from None
    if future:
        raise refunds.InvalidRefund(future)
    return ledger


def _new_refund(cmd: RecordRefund, currency: str) -> ledgers.Refund:
    return ledgers.Refund(
        id=str(uuid.uuid4()),
        amount=cmd.amount,
        currency=currency,
        refunded_on=cmd.refunded_on,
        method=ledgers.PaymentMethod(cmd.method),
        reference=cmd.reference.strip(),
    )


def _refund_row(
    invoice_id: str, refund: ledgers.Refund, principal: Principal
) -> Refund:
    return Refund(
        id=refund.id,
        invoice_id=invoice_id,
        amount=refund.amount,
        currency=refund.currency,
        refunded_on=refund.refunded_on,
        method=refund.method.value,
        reference=refund.reference,
        recorded_by=principal.subject,
        recorded_at=datetime.now(UTC),
    )


def _refund_facts(invoice: Invoice, row: Refund) -> dict[str, Any]:
    assert invoice.outstanding is not None
    return {
        "invoice_id": invoice.id,
        "department": invoice.department,
        "refund_id": row.id,
        "amount": row.amount,
        "currency": row.currency,
        "status": invoice.status,
        "paid": invoice.paid,
        "refunded": invoice.refunded,
        "outstanding": invoice.outstanding,
        "refund_due": refund_due_of(invoice),
    }
