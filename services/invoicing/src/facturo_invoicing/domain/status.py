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
}


def transition(current: InvoiceStatus, action: InvoiceAction | str) -> InvoiceStatus:
    """The status after ``action``; raises ``InvalidTransition`` if not allowed."""
    try:
        return TRANSITIONS[(InvoiceStatus(current), InvoiceAction(action))]
    except (KeyError, ValueError):
        raise InvalidTransition(current, action) from None


def allowed_actions(current: InvoiceStatus) -> frozenset[InvoiceAction]:
    """Every action that ``transition`` accepts from ``current``."""
    return frozenset(action for status, action in TRANSITIONS if status == current)


def is_editable(status: InvoiceStatus) -> bool:
    """Only drafts may change; issued invoices are corrected by credit notes."""
    return status is InvoiceStatus.DRAFT
