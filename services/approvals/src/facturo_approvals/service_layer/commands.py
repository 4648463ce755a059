"""What people and other services ask the approvals service to do."""

from dataclasses import dataclass
from decimal import Decimal

from facturo_approvals.domain.request import DocumentKind


@dataclass(frozen=True)
class OpenApproval:
    """A document was submitted: it needs the decisions its policy requires.

    For a credit note, ``document_id`` is the credit note's id and
    ``invoice_id`` the credited invoice's; for an invoice both are the same.
    """

    invoice_id: str
    department: str
    author_id: str
    currency: str
    gross: Decimal
    document_kind: DocumentKind = DocumentKind.INVOICE
    document_id: str | None = None

    @property
    def document(self) -> str:
        return self.document_id or self.invoice_id


@dataclass(frozen=True)
class ApproveStep:
    request_id: str
    comment: str | None = None
    expected_version: int | None = None


@dataclass(frozen=True)
class RejectRequest:
    request_id: str
    reason: str
    expected_version: int | None = None
