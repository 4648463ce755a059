"""Payments: record, refuse, reverse; outstanding amount, status and overdue."""

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facturo_invoicing.domain.errors import DomainError, InvalidTransition
from facturo_invoicing.domain.payments import (
    DuplicatePayment,
    InvalidPayment,
    Overpayment,
    Payment,
    PaymentAlreadyReversed,
    PaymentLedger,
    PaymentMethod,
    Reversal,
    UnknownPayment,
    is_overdue,
    outstanding,
    payment_status,
    record_payment,
    reverse_payment,
)
from facturo_invoicing.domain.status import InvoiceStatus

S = InvoiceStatus
ISSUED_ON = date(2026, 3, 2)


def ledger(
    due: str = "120.00", currency: str = "EUR", status: S = S.SENT
) -> PaymentLedger:
    return PaymentLedger(currency, D(due), ISSUED_ON, status)


def payment(
    amount: str,
    id: str = "p1",
    currency: str = "EUR",
    on: date = date(2026, 3, 20),
    method: PaymentMethod = PaymentMethod.TRANSFER,
) -> Payment:
    return Payment(id, D(amount), currency, on, method, reference="VIR 2026-118")


def problems(state: PaymentLedger, paid: Payment) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPayment) as caught:
        record_payment(state, paid)
    return [(p.location, p.message) for p in caught.value.problems]


# --- recording ---------------------------------------------------------------


def test_partial_then_full_payment() -> None:
    state = record_payment(ledger(), payment("100.00"))

    assert (state.status, state.paid, outstanding(state)) == (
        S.PARTLY_PAID,
        D("100.00"),
        D("20.00"),
    )

    state = record_payment(state, payment("20.00", id="p2", method=PaymentMethod.CARD))

    assert (state.status, state.paid, outstanding(state)) == (S.PAID, D("120.00"), D(0))
    assert [p.id for p in state.payments] == ["p1", "p2"]


def test_one_payment_of_the_whole_amount_pays_the_invoice() -> None:
    state = record_payment(ledger(), payment("120"))

    assert state.status is S.PAID
    assert str(state.payments[0].amount) == "120.00"  # stored to the minor unit


def test_three_payments_of_a_third() -> None:
    state = ledger("100.00")
    for index, amount in enumerate(["33.33", "33.33", "33.34"]):
        state = record_payment(state, payment(amount, id=f"p{index}"))

    assert state.status is S.PAID
    assert state.paid == D("100.00")


def test_recording_does_not_change_the_given_ledger() -> None:
    before = ledger()

    record_payment(before, payment("10.00"))

    assert before.payments == ()
    assert before.status is S.SENT


def test_overpayment_by_one_cent_is_refused_with_what_is_still_due() -> None:
    state = record_payment(ledger(), payment("100.00"))

    with pytest.raises(
        Overpayment,
        match=r"payment of 20\.01 EUR is more than the 20\.00 EUR still due",
    ) as caught:
        record_payment(state, payment("20.01", id="p2"))

    assert (caught.value.amount, caught.value.outstanding) == (D("20.01"), D("20.00"))
    assert isinstance(caught.value, DomainError)


def test_every_problem_of_a_payment_is_listed() -> None:
    bad = Payment(
        "p1", D("-1.005"), "USD", date(2026, 3, 1), PaymentMethod.CASH, "x" * 141
    )

    assert problems(ledger(), bad) == [
        ("currency", "must be the invoice's currency EUR"),
        ("amount", "must be greater than 0"),
        ("amount", "must have at most 2 decimal places in EUR"),
        ("received_on", "must not be before the issue date 2026-03-02"),
        ("reference", "must be at most 140 characters"),
    ]


@pytest.mark.parametrize("amount", ["0", "0.00", "-0.01"])
def test_non_positive_amounts_are_refused(amount: str) -> None:
    assert problems(ledger(), payment(amount)) == [("amount", "must be greater than 0")]


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "sNaN"])
def test_non_finite_amounts_are_refused(amount: str) -> None:
    assert problems(ledger(), payment(amount)) == [
        ("amount", "must be a finite decimal number")
    ]


def test_payment_on_the_issue_date_is_accepted() -> None:
    assert record_payment(ledger(), payment("1", on=ISSUED_ON)).paid == D("1.00")


def test_a_reversed_payment_cannot_be_recorded() -> None:
    reversed_ = replace(payment("1"), reversal=Reversal("bounced", ISSUED_ON))

    assert problems(ledger(), reversed_) == [
        ("reversal", "a new payment cannot be reversed already")
    ]


def test_same_payment_id_twice_is_refused() -> None:
    state = record_payment(ledger(), payment("10.00"))

    with pytest.raises(DuplicatePayment, match="payment p1 is already recorded"):
        record_payment(state, payment("10.00"))


@pytest.mark.parametrize("status", [S.DRAFT, S.SUBMITTED, S.APPROVED, S.ISSUED])
def test_invoice_not_sent_cannot_take_payments(status: S) -> None:
    with pytest.raises(InvalidTransition) as caught:
        record_payment(ledger(status=status), payment("10.00"))

    assert caught.value.current == status


def test_paid_invoice_cannot_take_payments() -> None:
    state = record_payment(ledger(), payment("120.00"))

    with pytest.raises(InvalidTransition, match="that is paid"):
        record_payment(state, payment("0.01", id="p2"))


def test_yen_has_no_minor_unit() -> None:
    state = ledger("1100", currency="JPY")

    assert problems(state, payment("100.5", currency="JPY")) == [
        ("amount", "must have at most 0 decimal places in JPY")
    ]
    state = record_payment(state, payment("1000", currency="JPY"))
    with pytest.raises(Overpayment, match="101 JPY is more than the 100 JPY"):
        record_payment(state, payment("101", id="p2", currency="JPY"))

    state = record_payment(state, payment("100", id="p2", currency="JPY"))

    assert (state.status, str(state.paid), str(outstanding(state))) == (
        S.PAID,
        "1100",
        "0",
    )


# --- reversal ----------------------------------------------------------------


def paid_in_two() -> PaymentLedger:
    state = record_payment(ledger(), payment("100.00"))
    return record_payment(state, payment("20.00", id="p2"))


def test_reversal_brings_paid_back_to_partly_paid() -> None:
    state = reverse_payment(paid_in_two(), "p2", "cheque bounced", date(2026, 4, 2))

    assert (state.status, state.paid, outstanding(state)) == (
        S.PARTLY_PAID,
        D("100.00"),
        D("20.00"),
    )
    assert state.payments[1].reversal == Reversal("cheque bounced", date(2026, 4, 2))
    assert state.payments[1].reversed
    assert not state.payments[0].reversed


def test_reversing_every_payment_brings_the_invoice_back_to_sent() -> None:
    state = reverse_payment(paid_in_two(), "p1", "wrong invoice", date(2026, 4, 2))
    state = reverse_payment(state, "p2", "wrong invoice", date(2026, 4, 2))

    assert (state.status, state.paid, outstanding(state)) == (S.SENT, D(0), D("120.00"))


def test_a_reversed_payment_no_longer_counts_against_overpayment() -> None:
    state = reverse_payment(paid_in_two(), "p1", "duplicate", date(2026, 4, 2))

    state = record_payment(state, payment("100.00", id="p3"))

    assert state.status is S.PAID


def test_reversal_needs_a_reason_and_a_date_after_the_payment() -> None:
    with pytest.raises(InvalidPayment) as caught:
        reverse_payment(paid_in_two(), "p1", "  ", date(2026, 3, 19))

    assert [(p.location, p.message) for p in caught.value.problems] == [
        ("reason", "must not be empty"),
        ("reversed_on", "must not be before the payment date 2026-03-20"),
    ]


def test_unknown_payment_cannot_be_reversed() -> None:
    with pytest.raises(UnknownPayment, match="no payment p9 on this invoice"):
        reverse_payment(paid_in_two(), "p9", "typo", date(2026, 4, 2))


def test_payment_cannot_be_reversed_twice() -> None:
    state = reverse_payment(paid_in_two(), "p1", "bounced", date(2026, 4, 2))

    with pytest.raises(PaymentAlreadyReversed, match="payment p1 is already"):
        reverse_payment(state, "p1", "bounced", date(2026, 4, 3))


# --- status from sums, overdue -----------------------------------------------


@pytest.mark.parametrize(
    ("due", "paid", "status"),
    [
        ("120.00", "0", S.SENT),
        ("120.00", "0.01", S.PARTLY_PAID),
        ("120.00", "119.99", S.PARTLY_PAID),
        ("120.00", "120.00", S.PAID),
        ("0.00", "0.00", S.SENT),
    ],
)
def test_status_follows_the_sums(due: str, paid: str, status: S) -> None:
    assert payment_status(D(due), D(paid)) is status


def test_status_refuses_sums_paid_beyond_due() -> None:
    with pytest.raises(ValueError, match=r"paid 120\.01 is more than 120\.00 due"):
        payment_status(D("120.00"), D("120.01"))


@pytest.mark.parametrize(
    ("today", "left", "overdue"),
    [
        (date(2026, 4, 1), "20.00", False),  # on the due date
        (date(2026, 4, 2), "20.00", True),
        (date(2026, 4, 2), "0.00", False),  # paid, even if late
        (date(2026, 3, 1), "20.00", False),
    ],
)
def test_overdue_means_due_date_passed_and_something_still_due(
    today: date, left: str, overdue: bool
) -> None:
    assert is_overdue(date(2026, 4, 1), today, D(left)) is overdue


# --- invariants --------------------------------------------------------------

CURRENCIES = st.sampled_from(["EUR", "JPY", "KWD"])
RECORD = st.tuples(st.just("record"), st.integers(min_value=-2, max_value=12_000))
REVERSE = st.tuples(st.just("reverse"), st.integers(min_value=0, max_value=30))


@settings(max_examples=500, deadline=None)
@given(
    currency=CURRENCIES,
    due_units=st.integers(min_value=0, max_value=10_000),
    steps=st.lists(st.one_of(RECORD, REVERSE), max_size=30),
)
def test_payments_never_exceed_what_is_due_and_status_follows_sums(
    currency: str, due_units: int, steps: list[tuple[str, int]]
) -> None:
    unit = {"EUR": D("0.01"), "JPY": D(1), "KWD": D("0.001")}[currency]
    state = ledger(str(due_units * unit), currency)

    for index, (kind, number) in enumerate(steps):
        before = state
        try:
            if kind == "record":
                paid = payment(str(number * unit), f"p{index}", currency)
                state = record_payment(state, paid)
            else:
                ids = [p.id for p in state.payments]
                target = ids[number % len(ids)] if ids else "none"
                state = reverse_payment(state, target, "test", date(2026, 5, 1))
        except DomainError:
            state = before
            if kind == "record" and number > 0 and state.status is not S.PAID:
                assert before.paid + number * unit > before.amount_due
        else:
            if kind == "record":
                assert before.paid + number * unit == state.paid

        counted = sum((p.amount for p in state.payments if not p.reversed), D(0))
        assert counted == state.paid <= state.amount_due
        assert outstanding(state) == state.amount_due - state.paid >= 0
        assert state.status is payment_status(state.amount_due, state.paid)
