"""From stored rows to HTTP schemas."""

from facturo_approvals.adapters.orm import ApprovalRequest, ApprovalStep
from facturo_approvals.domain.request import RequestStatus, current_step_index
from facturo_approvals.entrypoints.schemas import (
    ApprovalRead,
    CurrentStepRead,
    DocumentRead,
    StepRead,
)


def approval_read(request: ApprovalRequest) -> ApprovalRead:
    return ApprovalRead(
        id=request.id,
        invoice_id=request.invoice_id,
        document=DocumentRead(kind=request.document_kind, id=request.document_id),
        department=request.department,
        author_id=request.author_id,
        currency=request.currency,
        gross=request.gross,
        status=request.status,
        current_step=_current(request),
        steps=[_step(step) for step in request.steps],
        version=request.version,
        created_at=request.created_at,
        updated_at=request.updated_at,
    )


def _current(request: ApprovalRequest) -> CurrentStepRead | None:
    index = current_step_index(request.steps)
    if request.status != RequestStatus.PENDING or index is None:
        return None
    return CurrentStepRead(index=index, role=request.steps[index].role)


def _step(step: ApprovalStep) -> StepRead:
    return StepRead(
        index=step.position,
        role=step.role,
        decided_by=step.decided_by,
        decided_by_username=step.decided_by_username,
        decided_on_behalf_of=step.decided_on_behalf_of,
        decision=step.decision,
        reason=step.reason,
        comment=step.comment,
        decided_at=step.decided_at,
    )
