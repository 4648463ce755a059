"""What people and other services ask the approvals service to do."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class OpenApproval:
    """An invoice was submitted: it needs the decisions its policy requires."""

    invoice_id: str
    department: str
    author_id: str
    currency: str
    gross: Decimal


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
