"""Deciding a step: approve it (the last grants the request) or reject."""

import logging
from datetime import UTC, datetime

from facturo_approvals.adapters import repository
from facturo_approvals.adapters.orm import ApprovalRequest, ApprovalStep
from facturo_approvals.domain.four_eyes import Decider, check_may_decide
from facturo_approvals.domain.request import Decision, RequestStatus, status_after
from facturo_approvals.service_layer.commands import ApproveStep, RejectRequest
from facturo_approvals.service_layer.tracing import tag_request
from facturo_chassis.auth.policy import Action, authorize
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound, PreconditionFailed
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals as events

logger = logging.getLogger(__name__)


async def approve_step(
    cmd: ApproveStep, uow: UnitOfWork, principal: Principal
) -> ApprovalRequest:
    request = await _decidable(uow, principal, cmd.request_id, cmd.expected_version)
    index = await _decide(
        request, principal, Decision.APPROVED, uow, comment=cmd.comment
    )
    if request.status == RequestStatus.GRANTED:
        await uow.publish(
            events.ApprovalGranted(
                request_id=request.id,
                invoice_id=request.invoice_id,
                department=request.department,
                decided_by=principal.subject,
            )
        )
    else:
        await uow.publish(
            events.ApprovalStepApproved(
                request_id=request.id,
                invoice_id=request.invoice_id,
                department=request.department,
                step=index,
                role=request.steps[index].role,
                decided_by=principal.subject,
            )
        )
    return request


async def reject_request(
    cmd: RejectRequest, uow: UnitOfWork, principal: Principal
) -> ApprovalRequest:
    request = await _decidable(uow, principal, cmd.request_id, cmd.expected_version)
    await _decide(request, principal, Decision.REJECTED, uow, reason=cmd.reason)
    await uow.publish(
        events.ApprovalRejected(
            request_id=request.id,
            invoice_id=request.invoice_id,
            department=request.department,
            decided_by=principal.subject,
            reason=cmd.reason,
        )
    )
    return request


async def visible_request(
    uow: UnitOfWork, principal: Principal, request_id: str, action: Action
) -> ApprovalRequest:
    """The request, if the caller may act on it; otherwise NotFound/Forbidden."""
    request = await repository.get_request(uow.session, request_id)
    if request is None:
        authorize(principal, action, "")  # refuse alike whether it exists or not
        raise NotFound("not found")
    authorize(principal, action, request.department)
    tag_request(request)
    return request


def decider_of(principal: Principal) -> Decider:
    return Decider(
        subject=principal.subject,
        roles=frozenset(str(role) for role in principal.roles),
        departments=principal.departments,
    )


async def _decidable(
    uow: UnitOfWork, principal: Principal, request_id: str, expected: int | None
) -> ApprovalRequest:
    request = await visible_request(uow, principal, request_id, Action.APPROVAL_DECIDE)
    if expected is not None and expected != request.version:
        raise PreconditionFailed(
            f"the request is at version {request.version}, not {expected}",
            current_version=request.version,
        )
    return request


async def _decide(
    request: ApprovalRequest,
    principal: Principal,
    decision: Decision,
    uow: UnitOfWork,
    *,
    reason: str | None = None,
    comment: str | None = None,
) -> int:
    """Record the caller's decision on the current step; return its index."""
    index = check_may_decide(request, decider_of(principal), decision)
    now = datetime.now(UTC)
    _record(request.steps[index], principal, decision, now, reason, comment)
    request.status = status_after(decision, index, len(request.steps)).value
    request.updated_at = now
    await uow.session.flush()  # checks and bumps the version
    logger.info(
        "request %s step %d %s by %s; request %s",
        request.id,
        index,
        decision.value,
        principal.subject,
        request.status,
    )
    return index


def _record(
    step: ApprovalStep,
    principal: Principal,
    decision: Decision,
    at: datetime,
    reason: str | None,
    comment: str | None,
) -> None:
    step.decided_by = principal.subject
    step.decided_by_username = principal.username
    step.decision = decision.value
    step.reason = reason
    step.comment = comment
    step.decided_at = at
