"""Events of the approval request aggregate, on topic `approvals.request.v1`."""

from typing import ClassVar

from pydantic import Field

from facturo_contracts import topics
from facturo_contracts.envelope import Event

ON_BEHALF_OF = Field(
    default=None,
    description="the approver whose delegation `decided_by` used, if any",
)
CREDIT_NOTE = Field(
    default=None,
    description="set when the request is for this credit note of `invoice_id`",
)


class ApprovalEvent(Event):
    TOPIC: ClassVar[str] = topics.APPROVAL_REQUESTS

    request_id: str
    invoice_id: str
    department: str

    def subject(self) -> str:
        return self.request_id


class ApprovalRequested(ApprovalEvent):
    TYPE: ClassVar[str] = "approvals.request.requested.v1"

    author_id: str
    steps: int


class ApprovalStepApproved(ApprovalEvent):
    """One step of several was approved; the request waits for the next."""

    TYPE: ClassVar[str] = "approvals.request.step-approved.v1"

    step: int
    role: str
    decided_by: str
    on_behalf_of: str | None = ON_BEHALF_OF


class ApprovalGranted(ApprovalEvent):
    """The last step was approved: the invoice (or credit note) may be issued."""

    TYPE: ClassVar[str] = "approvals.request.granted.v1"

    decided_by: str
    on_behalf_of: str | None = ON_BEHALF_OF
    credit_note_id: str | None = CREDIT_NOTE


class ApprovalRejected(ApprovalEvent):
    TYPE: ClassVar[str] = "approvals.request.rejected.v1"

    decided_by: str
    reason: str
    on_behalf_of: str | None = ON_BEHALF_OF
    credit_note_id: str | None = CREDIT_NOTE


class ApprovalWithdrawn(ApprovalEvent):
    """The invoice left the submitted state before a decision."""

    TYPE: ClassVar[str] = "approvals.request.withdrawn.v1"
