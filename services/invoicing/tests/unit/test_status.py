"""Invoice life cycle transitions."""

import itertools

import pytest

from facturo_invoicing.domain.errors import InvalidTransition
from facturo_invoicing.domain.status import (
    TRANSITIONS,
    InvoiceAction,
    InvoiceStatus,
    allowed_actions,
    is_editable,
    settle,
    transition,
)

S = InvoiceStatus
A = InvoiceAction


def test_happy_path_from_draft_to_paid() -> None:
    actions = [
        A.SUBMIT,
        A.APPROVE,
        A.ISSUE,
        A.SEND,
        A.RECORD_PARTIAL_PAYMENT,
        A.RECORD_PARTIAL_PAYMENT,
        A.RECORD_FULL_PAYMENT,
    ]
    seen = [S.DRAFT]
    for action in actions:
        seen.append(transition(seen[-1], action))

    assert seen == [
        S.DRAFT,
        S.SUBMITTED,
        S.APPROVED,
        S.ISSUED,
        S.SENT,
        S.PARTLY_PAID,
        S.PARTLY_PAID,
        S.PAID,
    ]


def test_rejected_submission_returns_to_draft() -> None:
    assert transition(S.SUBMITTED, A.REJECT) is S.DRAFT


def test_full_payment_straight_after_sending() -> None:
    assert transition(S.SENT, A.RECORD_FULL_PAYMENT) is S.PAID


def test_actions_may_be_given_as_strings() -> None:
    assert transition(S.APPROVED, "issue") is S.ISSUED


UNLISTED = [pair for pair in itertools.product(S, A) if pair not in TRANSITIONS]


@pytest.mark.parametrize(("current", "action"), UNLISTED)
def test_every_unlisted_transition_is_refused(
    current: InvoiceStatus, action: InvoiceAction
) -> None:
    with pytest.raises(InvalidTransition) as caught:
        transition(current, action)

    assert (caught.value.current, caught.value.action) == (current, action)


def test_issued_invoice_cannot_go_back_to_draft() -> None:
    assert (S.ISSUED, A.REJECT) in UNLISTED
    assert not any(
        to is S.DRAFT for (at, _), to in TRANSITIONS.items() if at is S.ISSUED
    )


def test_unknown_action_is_an_invalid_transition() -> None:
    with pytest.raises(
        InvalidTransition, match="cannot delete an invoice that is draft"
    ):
        transition(S.DRAFT, "delete")


def test_allowed_actions() -> None:
    assert allowed_actions(S.SUBMITTED) == {A.APPROVE, A.REJECT}
    assert allowed_actions(S.PAID) == {
        A.REVERSE_PAYMENT,
        A.REVERSE_LAST_PAYMENT,
        A.REVERSE_REFUND,
    }
    assert allowed_actions(S.REFUND_DUE) == {
        A.REVERSE_PAYMENT,
        A.REVERSE_LAST_PAYMENT,
        A.RECORD_REFUND,
        A.REVERSE_REFUND,
    }
    assert allowed_actions(S.ISSUED) == {A.SEND}


def test_reversals_go_back_as_far_as_the_remaining_payments_say() -> None:
    assert transition(S.PAID, A.REVERSE_PAYMENT) is S.PARTLY_PAID
    assert transition(S.PAID, A.REVERSE_LAST_PAYMENT) is S.SENT
    assert transition(S.PARTLY_PAID, A.REVERSE_PAYMENT) is S.PARTLY_PAID
    assert transition(S.PARTLY_PAID, A.REVERSE_LAST_PAYMENT) is S.SENT


@pytest.mark.parametrize("status", list(S))
def test_only_drafts_are_editable(status: InvoiceStatus) -> None:
    assert is_editable(status) is (status is S.DRAFT)


def test_money_actions_end_where_the_sums_say() -> None:
    assert settle(S.REFUND_DUE, A.RECORD_REFUND, S.PAID) is S.PAID
    assert settle(S.REFUND_DUE, A.RECORD_REFUND, S.REFUND_DUE) is S.REFUND_DUE
    assert settle(S.PARTLY_PAID, A.REVERSE_REFUND, S.PAID) is S.PAID
    assert settle(S.REFUND_DUE, A.REVERSE_PAYMENT, S.PAID) is S.PAID


@pytest.mark.parametrize(
    ("current", "action", "by_sums"),
    [
        (S.PAID, A.RECORD_REFUND, S.PAID),  # nothing due back
        (S.ISSUED, A.REVERSE_REFUND, S.SENT),  # not sent, never paid
        (S.SENT, A.REVERSE_PAYMENT, S.SENT),  # nothing paid to reverse
        (S.REFUND_DUE, A.RECORD_REFUND, S.DRAFT),  # sums never give a draft
    ],
)
def test_money_actions_need_an_allowed_start(
    current: InvoiceStatus, action: InvoiceAction, by_sums: InvoiceStatus
) -> None:
    with pytest.raises(InvalidTransition):
        settle(current, action, by_sums)
