"""An approval request's life: its status and the step it waits on."""

from collections.abc import Sequence
from enum import StrEnum
from typing import Protocol


class RequestStatus(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REJECTED = "rejected"


class DocumentKind(StrEnum):
    """What a request approves: an invoice, or a credit note of one."""

    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"


class Decision(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"

    @property
    def verb(self) -> str:
        return "approve" if self is Decision.APPROVED else "reject"


class StepView(Protocol):
    @property
    def role(self) -> str: ...

    @property
    def decided_by(self) -> str | None: ...

    @property
    def decided_on_behalf_of(self) -> str | None: ...


class RequestView(Protocol):
    """What the rules read of a request; stored rows and test doubles fit."""

    @property
    def department(self) -> str: ...

    @property
    def author_id(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def steps(self) -> Sequence[StepView]: ...


def current_step_index(steps: Sequence[StepView]) -> int | None:
    """The first step nobody has decided yet; None when all are decided."""
    for index, step in enumerate(steps):
        if step.decided_by is None:
            return index
    return None


def status_after(decision: Decision, index: int, count: int) -> RequestStatus:
    """A rejection closes the request; approving the last step grants it."""
    if decision is Decision.REJECTED:
        return RequestStatus.REJECTED
    return RequestStatus.GRANTED if index == count - 1 else RequestStatus.PENDING
