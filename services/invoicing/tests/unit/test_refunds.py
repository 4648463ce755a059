"""Refunds: what is due back, record, refuse, reverse; status from the sums."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facturo_invoicing.domain.errors import DomainError, InvalidTransition
from facturo_invoicing.domain.payments import (
    Payment,
    PaymentLedger,
    PaymentMethod,
    Refund,
    Reversal,
    balance_status,
    outstanding,
    record_payment,
    refund_due,
    reverse_payment,
)
from facturo_invoicing.domain.refunds import (
    InvalidRefund,
    NoRefundDue,
    RefundAlreadyReversed,
    RefundExceedsDue,
    UnknownRefund,
    record_refund,
    reverse_refund,
)
from facturo_invoicing.domain.status import InvoiceStatus

S = InvoiceStatus
ISSUED_ON = date(2026, 3, 2)
ON = date(2026, 3, 25)


def paid_then_credited(
    paid: tuple[str, ...] = ("1200.00",), due: str = "1000.00", currency: str = "EUR"
) -> PaymentLedger:
    """A ledger paid in full, then credited down to ``due``."""
    payments = tuple(
        Payment(f"p{i}", D(a), currency, ON, PaymentMethod.TRANSFER)
        for i, a in enumerate(paid)
    )
    kept = sum((p.amount for p in payments), D(0))
    status = balance_status(D(due), kept)
    return PaymentLedger(currency, D(due), ISSUED_ON, status, payments)


def refund(amount: str, id: str = "r1", currency: str = "EUR", on: date = ON) -> Refund:
    return Refund(id, D(amount), currency, on, PaymentMethod.TRANSFER, "RBT-1")


def test_credit_below_what_was_paid_leaves_a_refund_due() -> None:
    state = paid_then_credited()

    assert state.status is S.REFUND_DUE
    assert refund_due(state) == D("200.00")
    assert outstanding(state) == D("0.00")
    assert str(outstanding(state)) == "0.00"


def test_partial_refunds_then_the_last_one_settles() -> None:
    first = record_refund(paid_then_credited(), refund("50.00"))
    last = record_refund(first, refund("150.00", "r2"))

    assert (first.status, refund_due(first), first.refunded) == (
        S.REFUND_DUE,
        D("150.00"),
        D("50.00"),
    )
    assert (last.status, refund_due(last), outstanding(last)) == (
        S.PAID,
        D("0.00"),
        D("0.00"),
    )


def test_refund_beyond_what_is_due_back_is_refused() -> None:
    state = paid_then_credited()

    with pytest.raises(RefundExceedsDue, match=r"201\.00 EUR is more than the 200\.00"):
        record_refund(state, refund("201.00"))


def test_refund_when_nothing_is_due_back_is_refused() -> None:
    settled = paid_then_credited(due="1200.00")
    partly = PaymentLedger("EUR", D("1200.00"), ISSUED_ON, S.SENT)

    for state in (settled, partly):
        with pytest.raises(NoRefundDue, match="no refund is due"):
            record_refund(state, refund("1.00"))


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("0", "EUR", "must be greater than 0"),
        ("-5.00", "EUR", "must be greater than 0"),
        ("1.001", "EUR", "at most 2 decimal places in EUR"),
        ("1.5", "JPY", "at most 0 decimal places in JPY"),
        ("NaN", "EUR", "must be a finite decimal number"),
    ],
)
def test_invalid_amounts_are_listed(amount: str, currency: str, message: str) -> None:
    state = paid_then_credited(("1200",), "1000", currency)

    with pytest.raises(InvalidRefund) as caught:
        record_refund(state, refund(amount, currency=currency))

    assert [p.location for p in caught.value.problems] == ["amount"]
    assert message in caught.value.problems[0].message


def test_refund_in_another_currency_or_before_issue_lists_both() -> None:
    state = paid_then_credited()
    wrong = refund("10.00", currency="USD", on=date(2026, 3, 1))

    with pytest.raises(InvalidRefund) as caught:
        record_refund(state, wrong)

    assert [p.location for p in caught.value.problems] == ["currency", "refunded_on"]


def test_reversal_restores_what_is_due_back() -> None:
    refunded = record_refund(paid_then_credited(), refund("200.00"))

    back = reverse_refund(refunded, "r1", "virement rejeté", date(2026, 4, 1))

    assert refunded.status is S.PAID
    assert (back.status, refund_due(back), back.refunded) == (
        S.REFUND_DUE,
        D("200.00"),
        D("0"),
    )
    [reversed_] = back.refunds
    assert reversed_.reversal is not None
    assert reversed_.reversal.reason == "virement rejeté"


def test_reversal_refusals() -> None:
    refunded = record_refund(paid_then_credited(), refund("20.00"))
    back = reverse_refund(refunded, "r1", "rejeté", date(2026, 4, 1))

    with pytest.raises(UnknownRefund):
        reverse_refund(refunded, "r9", "rejeté", date(2026, 4, 1))
    with pytest.raises(RefundAlreadyReversed):
        reverse_refund(back, "r1", "encore", date(2026, 4, 2))
    with pytest.raises(InvalidRefund) as caught:
        reverse_refund(refunded, "r1", " ", date(2026, 3, 1))
    assert [p.location for p in caught.value.problems] == ["reason", "reversed_on"]


def test_no_payment_is_taken_while_a_refund_is_due() -> None:
    state = paid_then_credited()
    more = Payment("p9", D("1.00"), "EUR", ON, PaymentMethod.CASH)

    with pytest.raises(InvalidTransition):
        record_payment(state, more)


def test_reversing_a_payment_ends_where_the_sums_say() -> None:
    state = paid_then_credited(paid=("1000.00", "200.00"))

    back_to_paid = reverse_payment(state, "p1", "chèque impayé", date(2026, 4, 1))
    partly = reverse_payment(back_to_paid, "p0", "erreur", date(2026, 4, 1))

    assert (back_to_paid.status, refund_due(back_to_paid)) == (S.PAID, D("0.00"))
    assert (partly.status, outstanding(partly)) == (S.SENT, D("1000.00"))


def test_a_bounced_payment_after_a_refund_is_owed_again_with_the_refund() -> None:
    refunded = record_refund(paid_then_credited(), refund("200.00"))

    bounced = reverse_payment(refunded, "p0", "chèque impayé", date(2026, 4, 1))

    assert (bounced.status, outstanding(bounced)) == (S.SENT, D("1200.00"))


@pytest.mark.parametrize(
    ("due", "paid", "refunded", "status"),
    [
        ("1000", "0", "0", S.SENT),
        ("1000", "400", "0", S.PARTLY_PAID),
        ("1000", "1000", "0", S.PAID),
        ("1000", "1200", "0", S.REFUND_DUE),
        ("1000", "1200", "150", S.REFUND_DUE),
        ("1000", "1200", "200", S.PAID),
        ("1000", "1200", "300", S.PARTLY_PAID),
        ("0", "120", "120", S.PAID),  # credited in full, all paid back: settled
        ("0", "0", "0", S.SENT),  # credited in full before any payment
    ],
)
def test_status_follows_the_sums(due: str, paid: str, refunded: str, status: S) -> None:
    assert balance_status(D(due), D(paid), D(refunded)) is status


# --- invariants --------------------------------------------------------------

REFUND = st.tuples(st.just("refund"), st.integers(min_value=-2, max_value=1_300))
REVERSE = st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=10))


@settings(max_examples=300, deadline=None)
@given(
    credited=st.integers(min_value=0, max_value=1_200),
    steps=st.lists(st.one_of(REFUND, REVERSE), max_size=20),
)
def test_refunds_never_exceed_what_was_paid_beyond_the_due(
    credited: int, steps: list[tuple[str, int]]
) -> None:
    state = paid_then_credited(due=str(D(1_200 - credited)))

    for index, (kind, number) in enumerate(steps):
        try:
            if kind == "refund":
                state = record_refund(state, refund(f"{number}.00", f"r{index}"))
            else:
                ids = [r.id for r in state.refunds] or ["none"]
                target = ids[number % len(ids)]
                state = reverse_refund(state, target, "test", date(2026, 5, 1))
        except DomainError:
            pass

        assert D(0) <= state.refunded <= state.paid - state.amount_due
        assert refund_due(state) == state.paid - state.amount_due - state.refunded
        assert state.status is balance_status(
            state.amount_due, state.paid, state.refunded
        )
        assert outstanding(state) == 0


def test_a_new_refund_cannot_come_reversed() -> None:
    reversed_ = replace(refund("10.00"), reversal=Reversal("rejeté", ON))

    with pytest.raises(InvalidRefund, match="reversal"):
        record_refund(paid_then_credited(), reversed_)
