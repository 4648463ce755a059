"""From stored payments, refunds and balances to HTTP schemas."""

from datetime import date

from facturo_invoicing.adapters.orm import Invoice, Payment, Refund
from facturo_invoicing.domain.money import round_money
from facturo_invoicing.entrypoints.mapping import is_late, utc_today
from facturo_invoicing.entrypoints.schemas import BalanceRead, PaymentRead, RefundRead
from facturo_invoicing.service_layer.ledgers import refund_due_of


def balance_read(invoice: Invoice, today: date | None = None) -> BalanceRead:
    return BalanceRead(
        invoice_id=invoice.id,
        status=invoice.status,
        version=invoice.version,
        currency=invoice.currency,
        credited=round_money(invoice.credited, invoice.currency),
        paid=round_money(invoice.paid, invoice.currency),
        refunded=round_money(invoice.refunded, invoice.currency),
        outstanding=invoice.outstanding,
        refund_due=refund_due_of(invoice),
        overdue=is_late(invoice, today or utc_today()),
    )


def payment_read(row: Payment) -> PaymentRead:
    return PaymentRead(
        id=row.id,
        invoice_id=row.invoice_id,
        amount=row.amount,
        currency=row.currency,
        received_on=row.received_on,
        method=row.method,
        reference=row.reference,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        reversed=row.reversed_on is not None,
        reversed_on=row.reversed_on,
        reversal_reason=row.reversal_reason,
    )


def refund_read(row: Refund) -> RefundRead:
    return RefundRead(
        id=row.id,
        invoice_id=row.invoice_id,
        amount=row.amount,
        currency=row.currency,
        refunded_on=row.refunded_on,
        method=row.method,
        reference=row.reference,
        recorded_by=row.recorded_by,
        recorded_at=row.recorded_at,
        reversed=row.reversed_on is not None,
        reversed_on=row.reversed_on,
        reversal_reason=row.reversal_reason,
    )
