"""Opening an approval request when an invoice is submitted."""

import logging
import uuid
from datetime import UTC, datetime

from facturo_approvals.adapters import repository
from facturo_approvals.adapters.orm import ApprovalRequest, ApprovalStep
from facturo_approvals.domain.policy import PolicyBook
from facturo_approvals.domain.request import RequestStatus
from facturo_approvals.service_layer.commands import OpenApproval
from facturo_approvals.service_layer.tracing import tag_request
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals as events

logger = logging.getLogger(__name__)


async def open_approval(
    cmd: OpenApproval, uow: UnitOfWork, policies: PolicyBook
) -> ApprovalRequest | None:
    """A new pending request with the policy's steps; None if one is open."""
    existing = await repository.open_request_for(uow.session, cmd.document)
    if existing is not None:
        logger.info(
            "%s %s already has open request %s",
            cmd.document_kind.value,
            cmd.document,
            existing.id,
        )
        return None
    request = new_request(cmd, policies)
    uow.session.add(request)
    await uow.session.flush()
    tag_request(request)
    await uow.publish(
        events.ApprovalRequested(
            request_id=request.id,
            invoice_id=request.invoice_id,
            department=request.department,
            author_id=request.author_id,
            steps=len(request.steps),
        )
    )
    logger.info(
        "request %s opened for %s %s with %d steps",
        request.id,
        request.document_kind,
        request.document_id,
        len(request.steps),
    )
    return request


def new_request(cmd: OpenApproval, policies: PolicyBook) -> ApprovalRequest:
    roles = policies.steps_for(cmd.department, cmd.gross)
    now = datetime.now(UTC)
    return ApprovalRequest(
        id=str(uuid.uuid4()),
        invoice_id=cmd.invoice_id,
        document_kind=cmd.document_kind.value,
        document_id=cmd.document,
        department=cmd.department,
        author_id=cmd.author_id,
        currency=cmd.currency,
        gross=cmd.gross,
        status=RequestStatus.PENDING.value,
        version=1,
        created_at=now,
        updated_at=now,
        steps=[
            ApprovalStep(position=position, role=role.value)
            for position, role in enumerate(roles)
        ],
    )
