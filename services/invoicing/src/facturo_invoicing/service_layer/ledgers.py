"""An invoice's payment ledger: read from its rows, written back onto it."""

from dataclasses import dataclass
from decimal import Decimal, localcontext

from facturo_chassis.unit_of_work import UnitOfWork
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.orm import Invoice, Payment, Refund
from facturo_invoicing.domain import payments as ledgers
from facturo_invoicing.domain.errors import InvalidTransition
from facturo_invoicing.domain.money import MONEY_CONTEXT, round_money
from facturo_invoicing.domain.status import InvoiceStatus
from facturo_invoicing.service_layer.invoices import bump_version


@dataclass(frozen=True)
class LedgerRows:
    """The invoice's stored payments and refunds, reversed ones included."""

    payments: list[Payment]
    refunds: list[Refund]


async def ledger_rows(uow: UnitOfWork, invoice: Invoice) -> LedgerRows:
    return LedgerRows(
        await repository.list_payments(uow.session, invoice.id),
        await repository.list_refunds(uow.session, invoice.id),
    )


def ledger_of(
    invoice: Invoice, rows: LedgerRows, doing: str = "record payments of"
) -> ledgers.PaymentLedger:
    """The invoice's ledger; only an issued invoice has one."""
    if invoice.issue_date is None:
        raise InvalidTransition(invoice.status, doing)
    return ledgers.PaymentLedger(
        currency=invoice.currency,
        amount_due=amount_due(invoice),
        issued_on=invoice.issue_date,
        status=InvoiceStatus(invoice.status),
        payments=tuple(domain_payment(row) for row in rows.payments),
        refunds=tuple(domain_refund(row) for row in rows.refunds),
    )


def amount_due(invoice: Invoice) -> Decimal:
    """What the buyer owes before payments: BT-115 less issued credit notes."""
    with localcontext(MONEY_CONTEXT):
        return invoice.amount_due - invoice.credited


def apply_ledger(invoice: Invoice, ledger: ledgers.PaymentLedger) -> None:
    """The ledger's status and sums onto the invoice, as a new version."""
    invoice.status = ledger.status.value
    invoice.paid = round_money(ledger.paid, invoice.currency)
    invoice.refunded = round_money(ledger.refunded, invoice.currency)
    invoice.outstanding = ledgers.outstanding(ledger)
    bump_version(invoice)


def refund_due_of(invoice: Invoice) -> Decimal:
    """What the invoice owes its customer back, from its stored sums."""
    return ledgers.due_back(
        amount_due(invoice), invoice.paid, invoice.refunded, invoice.currency
    )


def domain_payment(row: Payment) -> ledgers.Payment:
    return ledgers.Payment(
        id=row.id,
        amount=row.amount,
        currency=row.currency,
        received_on=row.received_on,
        method=ledgers.PaymentMethod(row.method),
        reference=row.reference,
        reversal=_reversal(row),
    )


def domain_refund(row: Refund) -> ledgers.Refund:
    return ledgers.Refund(
        id=row.id,
        amount=row.amount,
        currency=row.currency,
        refunded_on=row.refunded_on,
        method=ledgers.PaymentMethod(row.method),
        reference=row.reference,
        reversal=_reversal(row),
    )


def _reversal(row: Payment | Refund) -> ledgers.Reversal | None:
    if row.reversed_on is None:
        return None
    return ledgers.Reversal(row.reversal_reason or "", row.reversed_on)
