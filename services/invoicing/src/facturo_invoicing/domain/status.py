"""Invoice life cycle: statuses, actions and the allowed transitions."""

from enum import StrEnum

from facturo_invoicing.domain.errors import InvalidTransition


class InvoiceStatus(StrEnum):
    """Where an invoice stands in its life cycle."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    ISSUED = "issued"
    SENT = "sent"
    PARTLY_PAID = "partly_paid"
    PAID = "paid"
    # Credit notes left the customer paid beyond what the invoice now owes.
    REFUND_DUE = "refund_due"


class InvoiceAction(StrEnum):
    """What a user or a handler can do to an invoice."""

    SUBMIT = "submit"
    APPROVE = "approve"
    REJECT = "reject"
    ISSUE = "issue"
    SEND = "send"
    RECORD_PARTIAL_PAYMENT = "record_partial_payment"
    RECORD_FULL_PAYMENT = "record_full_payment"
    # A reversal that leaves some payment counting, then one that leaves none.
    REVERSE_PAYMENT = "reverse_payment"
    REVERSE_LAST_PAYMENT = "reverse_last_payment"
    # Money paid back to the customer, and the cancelling of such a refund.
    RECORD_REFUND = "record_refund"
    REVERSE_REFUND = "reverse_refund"


_S = InvoiceStatus
_A = InvoiceAction

TRANSITIONS: dict[tuple[InvoiceStatus, InvoiceAction], InvoiceStatus] = {
    (_S.DRAFT, _A.SUBMIT): _S.SUBMITTED,
    (_S.SUBMITTED, _A.APPROVE): _S.APPROVED,
    (_S.SUBMITTED, _A.REJECT): _S.DRAFT,
    (_S.APPROVED, _A.ISSUE): _S.ISSUED,
    (_S.ISSUED, _A.SEND): _S.SENT,
    (_S.SENT, _A.RECORD_PARTIAL_PAYMENT): _S.PARTLY_PAID,
    (_S.SENT, _A.RECORD_FULL_PAYMENT): _S.PAID,
    (_S.PARTLY_PAID, _A.RECORD_PARTIAL_PAYMENT): _S.PARTLY_PAID,
    (_S.PARTLY_PAID, _A.RECORD_FULL_PAYMENT): _S.PAID,
    (_S.PARTLY_PAID, _A.REVERSE_PAYMENT): _S.PARTLY_PAID,
    (_S.PARTLY_PAID, _A.REVERSE_LAST_PAYMENT): _S.SENT,
    (_S.PAID, _A.REVERSE_PAYMENT): _S.PARTLY_PAID,
    (_S.PAID, _A.REVERSE_LAST_PAYMENT): _S.SENT,
    (_S.REFUND_DUE, _A.REVERSE_PAYMENT): _S.PARTLY_PAID,
    (_S.REFUND_DUE, _A.REVERSE_LAST_PAYMENT): _S.SENT,
}

# Once money has moved, a sent invoice is in one of these; its sums say which
# (`domain.payments.balance_status`).
SETTLING = frozenset({_S.SENT, _S.PARTLY_PAID, _S.PAID, _S.REFUND_DUE})

# Money actions whose outcome only the sums know, and where they may start:
# a refund needs one to be due; a refund's reversal may follow anything.
BY_SUMS: dict[InvoiceAction, frozenset[InvoiceStatus]] = {
    _A.RECORD_REFUND: frozenset({_S.REFUND_DUE}),
    _A.REVERSE_REFUND: SETTLING,
}


def transition(current: InvoiceStatus, action: InvoiceAction | str) -> InvoiceStatus:
    """The status after ``action``; raises ``InvalidTransition`` if not allowed."""
    try:
        return TRANSITIONS[(InvoiceStatus(current), InvoiceAction(action))]
    except (KeyError, ValueError):
        raise InvalidTransition(current, action) from None


def settle(
    current: InvoiceStatus, action: InvoiceAction, by_sums: InvoiceStatus
) -> InvoiceStatus:
    """``by_sums``, the status the invoice's sums give after a money ``action``.

    ``action`` must be allowed from ``current`` (by ``TRANSITIONS`` or
    ``BY_SUMS``), else ``InvalidTransition``. Credit notes can leave payments
    beyond what is due, so a reversal may end where the table cannot say.
    """
    sources = BY_SUMS.get(action) or {at for at, act in TRANSITIONS if act is action}
    if current not in sources or by_sums not in SETTLING:
        raise InvalidTransition(current, action)
    return by_sums


def allowed_actions(current: InvoiceStatus) -> frozenset[InvoiceAction]:
    """Every action that ``transition`` or ``settle`` accepts from ``current``."""
    listed = {action for status, action in TRANSITIONS if status == current}
    return frozenset(listed | {a for a, at in BY_SUMS.items() if current in at})


def is_editable(status: InvoiceStatus) -> bool:
    """Only drafts may change; issued invoices are corrected by credit notes."""
    return status is InvoiceStatus.DRAFT
