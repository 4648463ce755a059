"""Refunds: money paid back when credit notes leave the customer overpaid.

A credit note issued after payments can bring what the invoice owes below
what the customer paid. The invoice is then ``refund_due`` (a status of its
own, so that finance finds such invoices with ``?status=refund_due``) and
shows the amount due back. Each refund recorded lowers it; the one that
brings it to zero makes the invoice ``paid`` again. A refund can be
reversed (the transfer came back), which raises what is due back again.
"""

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal, localcontext

from facturo_invoicing.domain.errors import DomainError, FieldProblem
from facturo_invoicing.domain.money import MONEY_CONTEXT, round_money
from facturo_invoicing.domain.payments import (
    MAX_REASON,
    MAX_REFERENCE,
    PaymentLedger,
    Refund,
    Reversal,
    amount_problems,
    balance_status,
    refund_due,
)
from facturo_invoicing.domain.status import InvoiceAction, settle


class InvalidRefund(DomainError):
    """A refund or its reversal breaks one or more rules; all are listed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(f"invalid refund: {summary}")


class NoRefundDue(DomainError):
    """Nothing is owed back to the customer on this invoice."""

    def __init__(self) -> None:
        super().__init__("no refund is due on this invoice")


class RefundExceedsDue(DomainError):
    """The refund would pay back more than the customer is owed."""

    def __init__(self, amount: Decimal, due: Decimal, currency: str) -> None:
        self.amount = amount
        self.due = due
        self.currency = currency
        super().__init__(
            f"refund of {amount} {currency} is more than "
            f"the {due} {currency} due back to the customer"
        )


class UnknownRefund(DomainError):
    """No refund with this id on the invoice."""

    def __init__(self, refund_id: str) -> None:
        self.refund_id = refund_id
        super().__init__(f"no refund {refund_id} on this invoice")


class RefundAlreadyReversed(DomainError):
    """The refund was reversed before; it cannot be reversed again."""

    def __init__(self, refund_id: str) -> None:
        self.refund_id = refund_id
        super().__init__(f"refund {refund_id} is already reversed")


def record_refund(ledger: PaymentLedger, refund: Refund) -> PaymentLedger:
    """The ledger with ``refund`` counted and the status it leads to.

    Raises ``InvalidRefund`` (every problem of the refund), ``NoRefundDue``,
    ``RefundExceedsDue`` or ``InvalidTransition``.
    """
    problems = list(_refund_problems(ledger, refund))
    if problems:
        raise InvalidRefund(problems)
    due = refund_due(ledger)
    if not due:
        raise NoRefundDue()
    if refund.amount > due:
        raise RefundExceedsDue(refund.amount, due, ledger.currency)

    with localcontext(MONEY_CONTEXT):
        refunded = ledger.refunded + refund.amount
    sums = balance_status(ledger.amount_due, ledger.paid, refunded)
    status = settle(ledger.status, InvoiceAction.RECORD_REFUND, sums)
    counted = replace(refund, amount=round_money(refund.amount, refund.currency))
    return replace(ledger, status=status, refunds=(*ledger.refunds, counted))


def reverse_refund(
    ledger: PaymentLedger, refund_id: str, reason: str, on: date
) -> PaymentLedger:
    """The ledger with the refund reversed; the customer is owed it again.

    Raises ``UnknownRefund``, ``RefundAlreadyReversed`` or ``InvalidRefund``
    (empty reason, date before the refund).
    """
    refund = _find(ledger, refund_id)
    if refund.reversed:
        raise RefundAlreadyReversed(refund_id)
    problems = list(_reversal_problems(refund, reason, on))
    if problems:
        raise InvalidRefund(problems)

    with localcontext(MONEY_CONTEXT):
        refunded = ledger.refunded - refund.amount
    sums = balance_status(ledger.amount_due, ledger.paid, refunded)
    status = settle(ledger.status, InvoiceAction.REVERSE_REFUND, sums)
    reversed_ = replace(refund, reversal=Reversal(reason.strip(), on))
    refunds = tuple(reversed_ if r is refund else r for r in ledger.refunds)
    return replace(ledger, status=status, refunds=refunds)


def _find(ledger: PaymentLedger, refund_id: str) -> Refund:
    for refund in ledger.refunds:
        if refund.id == refund_id:
            return refund
    raise UnknownRefund(refund_id)


def _refund_problems(ledger: PaymentLedger, refund: Refund) -> Iterator[FieldProblem]:
    if refund.currency != ledger.currency:
        yield FieldProblem(
            "currency", f"must be the invoice's currency {ledger.currency}"
        )
    yield from amount_problems(refund.amount, ledger.currency)
    if refund.refunded_on < ledger.issued_on:
        yield FieldProblem(
            "refunded_on", f"must not be before the issue date {ledger.issued_on}"
        )
    if len(refund.reference) > MAX_REFERENCE:
        yield FieldProblem("reference", f"must be at most {MAX_REFERENCE} characters")
    if refund.reversed:
        yield FieldProblem("reversal", "a new refund cannot be reversed already")


def _reversal_problems(refund: Refund, reason: str, on: date) -> Iterator[FieldProblem]:
    if not reason.strip():
        yield FieldProblem("reason", "must not be empty")
    elif len(reason) > MAX_REASON:
        yield FieldProblem("reason", f"must be at most {MAX_REASON} characters")
    if on < refund.refunded_on:
        yield FieldProblem(
            "reversed_on", f"must not be before the refund date {refund.refunded_on}"
        )
