"""Payments against a sent invoice: record, reverse, outstanding and overdue.

The ledger also holds the refunds paid back to the customer (the rules for
them are in `domain.refunds`): its balance is what is due, less what was
paid, plus what went back. Above zero it is outstanding; below, a refund is
due.
"""

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal, localcontext
from enum import StrEnum

from facturo_invoicing.domain.errors import DomainError, FieldProblem
from facturo_invoicing.domain.money import MONEY_CONTEXT, minor_digits, round_money
from facturo_invoicing.domain.status import (
    InvoiceAction,
    InvoiceStatus,
    settle,
    transition,
)

MAX_REFERENCE = 140  # a SEPA remittance reference
MAX_REASON = 500

_PARTIAL = InvoiceAction.RECORD_PARTIAL_PAYMENT
_LAST = InvoiceAction.REVERSE_LAST_PAYMENT


class PaymentMethod(StrEnum):
    """How the money came in."""

    TRANSFER = "transfer"
    CARD = "card"
    CHEQUE = "cheque"
    CASH = "cash"
    DIRECT_DEBIT = "direct_debit"
    OTHER = "other"


@dataclass(frozen=True)
class Reversal:
    """Why and when a payment was cancelled (bounced cheque, wrong invoice)."""

    reason: str
    on: date


@dataclass(frozen=True)
class Payment:
    """Money received for one invoice; it counts until it is reversed."""

    id: str
    amount: Decimal
    currency: str
    received_on: date
    method: PaymentMethod
    reference: str = ""
    reversal: Reversal | None = None

    @property
    def reversed(self) -> bool:
        return self.reversal is not None


@dataclass(frozen=True)
class Refund:
    """Money paid back to the customer; it counts until it is reversed."""

    id: str
    amount: Decimal
    currency: str
    refunded_on: date
    method: PaymentMethod
    reference: str = ""
    reversal: Reversal | None = None

    @property
    def reversed(self) -> bool:
        return self.reversal is not None


@dataclass(frozen=True)
class PaymentLedger:
    """What an invoice owes, its payments and refunds, and its status.

    ``amount_due`` is the gross amount less any credit notes.
    """

    currency: str
    amount_due: Decimal
    issued_on: date
    status: InvoiceStatus
    payments: tuple[Payment, ...] = ()
    refunds: tuple[Refund, ...] = ()

    @property
    def paid(self) -> Decimal:
        """The sum of the payments that still count."""
        return _counted(self.payments)

    @property
    def refunded(self) -> Decimal:
        """The sum of the refunds that still count."""
        return _counted(self.refunds)

    @property
    def balance(self) -> Decimal:
        """What the customer owes; below zero, what is owed to the customer."""
        with localcontext(MONEY_CONTEXT):
            return self.amount_due - self.paid + self.refunded


class InvalidPayment(DomainError):
    """A payment or a reversal breaks one or more rules; all are listed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(f"invalid payment: {summary}")


class Overpayment(DomainError):
    """The payment would take the invoice beyond what it owes."""

    def __init__(self, amount: Decimal, outstanding: Decimal, currency: str) -> None:
        self.amount = amount
        self.outstanding = outstanding
        self.currency = currency
        super().__init__(
            f"payment of {amount} {currency} is more than "
            f"the {outstanding} {currency} still due"
        )


class DuplicatePayment(DomainError):
    """A payment with this id is already on the invoice."""

    def __init__(self, payment_id: str) -> None:
        self.payment_id = payment_id
        super().__init__(f"payment {payment_id} is already recorded")


class UnknownPayment(DomainError):
    """No payment with this id on the invoice."""

    def __init__(self, payment_id: str) -> None:
        self.payment_id = payment_id
        super().__init__(f"no payment {payment_id} on this invoice")


class PaymentAlreadyReversed(DomainError):
    """The payment was reversed before; it cannot be reversed again."""

    def __init__(self, payment_id: str) -> None:
        self.payment_id = payment_id
        super().__init__(f"payment {payment_id} is already reversed")


def record_payment(ledger: PaymentLedger, payment: Payment) -> PaymentLedger:
    """The ledger with ``payment`` counted and the status it leads to.

    Raises ``InvalidPayment`` (every problem of the payment),
    ``DuplicatePayment``, ``InvalidTransition`` (the invoice is not sent or
    partly paid) or ``Overpayment``.
    """
    problems = list(_payment_problems(ledger, payment))
    if problems:
        raise InvalidPayment(problems)
    if any(p.id == payment.id for p in ledger.payments):
        raise DuplicatePayment(payment.id)

    left = outstanding(ledger)
    full = payment.amount >= left
    action = InvoiceAction.RECORD_FULL_PAYMENT if full else _PARTIAL
    status = transition(ledger.status, action)
    if payment.amount > left:
        raise Overpayment(payment.amount, left, ledger.currency)

    counted = replace(payment, amount=round_money(payment.amount, payment.currency))
    return replace(ledger, status=status, payments=(*ledger.payments, counted))


def reverse_payment(
    ledger: PaymentLedger, payment_id: str, reason: str, on: date
) -> PaymentLedger:
    """The ledger with the payment reversed; it no longer counts.

    The status goes back to partly paid, or to sent when nothing is paid any
    more; after credit notes, to what the sums say (paid, refund due).
    Raises ``UnknownPayment``, ``PaymentAlreadyReversed`` or
    ``InvalidPayment`` (empty reason, date before the payment).
    """
    payment = _find(ledger, payment_id)
    if payment.reversed:
        raise PaymentAlreadyReversed(payment_id)
    problems = list(_reversal_problems(payment, reason, on))
    if problems:
        raise InvalidPayment(problems)

    with localcontext(MONEY_CONTEXT):
        paid = ledger.paid - payment.amount
    action = InvoiceAction.REVERSE_PAYMENT if paid else _LAST
    sums = balance_status(ledger.amount_due, paid, ledger.refunded)
    status = settle(ledger.status, action, sums)

    reversed_ = replace(payment, reversal=Reversal(reason.strip(), on))
    payments = tuple(reversed_ if p is payment else p for p in ledger.payments)
    return replace(ledger, status=status, payments=payments)


def outstanding(ledger: PaymentLedger) -> Decimal:
    """What the customer still owes on the invoice (never below zero)."""
    return max(ledger.balance, round_money(Decimal(0), ledger.currency))


def refund_due(ledger: PaymentLedger) -> Decimal:
    """What the invoice owes the customer back (never below zero)."""
    return due_back(ledger.amount_due, ledger.paid, ledger.refunded, ledger.currency)


def due_back(
    amount_due: Decimal, paid: Decimal, refunded: Decimal, currency: str
) -> Decimal:
    """What these sums leave owed to the customer, in ``currency``'s unit.

    ``max(0, -(amount_due - paid + refunded))``, ``amount_due`` being what is
    due after credit notes.
    """
    with localcontext(MONEY_CONTEXT):
        over = paid - refunded - amount_due
    return max(round_money(over, currency), round_money(Decimal(0), currency))


def balance_status(
    amount_due: Decimal, paid: Decimal, refunded: Decimal = Decimal(0)
) -> InvoiceStatus:
    """The status a sent invoice has for these sums, refunds counted.

    Paid beyond what is due is ``refund_due``; money received that, less
    what went back, is exactly what is due is ``paid`` (also when credit
    notes took the whole invoice and everything went back); otherwise as
    ``payment_status`` says for what was kept (nothing is ``sent``).
    """
    with localcontext(MONEY_CONTEXT):
        kept = paid - refunded
    if kept > amount_due:
        return InvoiceStatus.REFUND_DUE
    if paid and kept == amount_due:
        return InvoiceStatus.PAID
    return payment_status(amount_due, max(kept, Decimal(0)))


def payment_status(amount_due: Decimal, paid: Decimal) -> InvoiceStatus:
    """The status a sent invoice has for these sums.

    Nothing paid is ``sent`` (even when nothing is due), part of it
    ``partly_paid``, all of it ``paid``.
    """
    if paid > amount_due:
        raise ValueError(f"paid {paid} is more than {amount_due} due")
    if not paid:
        return InvoiceStatus.SENT
    if paid < amount_due:
        return InvoiceStatus.PARTLY_PAID
    return InvoiceStatus.PAID


def is_overdue(due_date: date, today: date, outstanding: Decimal) -> bool:
    """Past its due date with something still to pay."""
    return today > due_date and outstanding > 0


def _counted(movements: tuple[Payment, ...] | tuple[Refund, ...]) -> Decimal:
    with localcontext(MONEY_CONTEXT):
        return sum((m.amount for m in movements if not m.reversed), Decimal(0))


def _find(ledger: PaymentLedger, payment_id: str) -> Payment:
    for payment in ledger.payments:
        if payment.id == payment_id:
            return payment
    raise UnknownPayment(payment_id)


def _payment_problems(
    ledger: PaymentLedger, payment: Payment
) -> Iterator[FieldProblem]:
    if payment.currency != ledger.currency:
        yield FieldProblem(
            "currency", f"must be the invoice's currency {ledger.currency}"
        )
    yield from amount_problems(payment.amount, ledger.currency)
    if payment.received_on < ledger.issued_on:
        yield FieldProblem(
            "received_on", f"must not be before the issue date {ledger.issued_on}"
        )
    if len(payment.reference) > MAX_REFERENCE:
        yield FieldProblem("reference", f"must be at most {MAX_REFERENCE} characters")
    if payment.reversed:
        yield FieldProblem("reversal", "a new payment cannot be reversed already")


def amount_problems(amount: Decimal, currency: str) -> Iterator[FieldProblem]:
    if not isinstance(amount, Decimal) or not amount.is_finite():
        yield FieldProblem("amount", "must be a finite decimal number")
        return
    if amount <= 0:
        yield FieldProblem("amount", "must be greater than 0")
    if amount != round_money(amount, currency):
        digits = minor_digits(currency)
        yield FieldProblem(
            "amount", f"must have at most {digits} decimal places in {currency}"
        )


def _reversal_problems(
    payment: Payment, reason: str, on: date
) -> Iterator[FieldProblem]:
    if not reason.strip():
        yield FieldProblem("reason", "must not be empty")
    elif len(reason) > MAX_REASON:
        yield FieldProblem("reason", f"must be at most {MAX_REASON} characters")
    if on < payment.received_on:
        yield FieldProblem(
            "reversed_on",
            f"must not be before the payment date {payment.received_on}",
        )
