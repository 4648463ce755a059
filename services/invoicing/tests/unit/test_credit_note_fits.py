"""A planned credit note checked again against the notes issued since."""

from decimal import Decimal as D

import pytest

from facturo_invoicing.domain.credit_note_status import (
    CreditNoteAction,
    CreditNoteStatus,
    InvalidCreditNoteTransition,
    transition,
)
from facturo_invoicing.domain.credit_notes import (
    CreditableInvoice,
    CreditableLine,
    CreditExceedsInvoice,
    LinesNoLongerCreditable,
    NothingLeftToCredit,
    VatGroup,
    check_still_fits,
    plan_amount_credit,
    plan_full_credit,
    plan_line_credit,
)

INVOICE = CreditableInvoice(
    "EUR",
    (
        CreditableLine(D(3), D(10), D("30.00"), "S", D(20)),
        CreditableLine(D(1), D(10), D("10.00"), "S", D("5.5")),
    ),
    (
        VatGroup("S", D(20), D("30.00"), D("6.00")),
        VatGroup("S", D("5.5"), D("10.00"), D("0.55")),
    ),
)


def test_a_note_planned_on_the_same_notes_fits() -> None:
    earlier = [plan_amount_credit(INVOICE, [], D("10.00"))]
    note = plan_amount_credit(INVOICE, earlier, D("20.00"))

    check_still_fits(INVOICE, earlier, note)


def test_two_notes_planned_apart_fit_together_when_there_is_room() -> None:
    first = plan_line_credit(INVOICE, [], {0: D(1)})
    second = plan_line_credit(INVOICE, [], {0: D(2)})

    check_still_fits(INVOICE, [first], second)


def test_a_full_credit_after_another_no_longer_fits() -> None:
    first = plan_full_credit(INVOICE, [])
    second = plan_full_credit(INVOICE, [])

    with pytest.raises(NothingLeftToCredit):
        check_still_fits(INVOICE, [first], second)


def test_a_line_credit_beyond_what_is_left_on_the_line_is_refused() -> None:
    first = plan_line_credit(INVOICE, [], {0: D(2)})
    second = plan_line_credit(INVOICE, [], {0: D(2)})

    with pytest.raises(CreditExceedsInvoice, match="on line 0"):
        check_still_fits(INVOICE, [first], second)


def test_an_amount_beyond_what_is_left_is_refused() -> None:
    first = plan_amount_credit(INVOICE, [], D("40.00"))
    second = plan_amount_credit(INVOICE, [], D("10.00"))

    with pytest.raises(CreditExceedsInvoice):
        check_still_fits(INVOICE, [first], second)


def test_lines_after_a_credit_by_amount_are_refused() -> None:
    first = plan_amount_credit(INVOICE, [], D("1.00"))
    second = plan_line_credit(INVOICE, [], {1: D(1)})

    with pytest.raises(LinesNoLongerCreditable):
        check_still_fits(INVOICE, [first], second)


def test_credit_note_statuses() -> None:
    submitted = transition(CreditNoteStatus.DRAFT, CreditNoteAction.SUBMIT)

    assert transition(submitted, CreditNoteAction.ISSUE) is CreditNoteStatus.ISSUED
    assert transition(submitted, CreditNoteAction.RETURN) is CreditNoteStatus.DRAFT
    with pytest.raises(InvalidCreditNoteTransition):
        transition(CreditNoteStatus.ISSUED, CreditNoteAction.RETURN)
