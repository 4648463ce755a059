"""Credit note life cycle: draft → submitted → issued; a rejection (or no
room left on the invoice at issue) returns it to draft."""

from enum import StrEnum

from facturo_invoicing.domain.errors import DomainError
from facturo_invoicing.domain.status import InvoiceStatus


class CreditNoteStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    ISSUED = "issued"


class CreditNoteAction(StrEnum):
    SUBMIT = "submit"
    ISSUE = "issue"
    RETURN = "return to draft"


# An invoice may be credited once it is issued, whatever it was paid.
CREDITABLE = frozenset(
    {
        InvoiceStatus.ISSUED,
        InvoiceStatus.SENT,
        InvoiceStatus.PARTLY_PAID,
        InvoiceStatus.PAID,
        InvoiceStatus.REFUND_DUE,
    }
)

_S = CreditNoteStatus
_A = CreditNoteAction

TRANSITIONS: dict[tuple[CreditNoteStatus, CreditNoteAction], CreditNoteStatus] = {
    (_S.DRAFT, _A.SUBMIT): _S.SUBMITTED,
    (_S.SUBMITTED, _A.ISSUE): _S.ISSUED,
    (_S.SUBMITTED, _A.RETURN): _S.DRAFT,
}


class InvalidCreditNoteTransition(DomainError):
    """The action is not allowed from the credit note's current status."""

    def __init__(self, current: str, action: str) -> None:
        self.current = str(current)
        self.action = str(action)
        super().__init__(f"cannot {self.action} a credit note that is {self.current}")


class InvoiceNotCreditable(DomainError):
    """Only an issued invoice is corrected by a credit note."""

    def __init__(self, status: str) -> None:
        self.status = str(status)
        super().__init__(f"an invoice that is {self.status} cannot be credited")


def transition(
    current: CreditNoteStatus | str, action: CreditNoteAction
) -> CreditNoteStatus:
    """The status after ``action``; raises ``InvalidCreditNoteTransition``."""
    try:
        return TRANSITIONS[(CreditNoteStatus(current), action)]
    except (KeyError, ValueError):
        raise InvalidCreditNoteTransition(current, action) from None


def check_creditable(invoice_status: str) -> None:
    if invoice_status not in CREDITABLE:
        raise InvoiceNotCreditable(invoice_status)
