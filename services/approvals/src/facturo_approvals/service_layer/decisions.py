"""Deciding a step: approve it (the last grants the request) or reject."""

import logging
from collections.abc import Mapping
from datetime import UTC, date, datetime

from facturo_approvals.adapters import repository
from facturo_approvals.adapters.orm import ApprovalRequest, ApprovalStep
from facturo_approvals.domain.four_eyes import Decider, Permit, check_decision
from facturo_approvals.domain.request import (
    Decision,
    DocumentKind,
    RequestStatus,
    status_after,
)
from facturo_approvals.service_layer.commands import ApproveStep, RejectRequest
from facturo_approvals.service_layer.delegations import held_by, utc_today
from facturo_approvals.service_layer.tracing import tag_request
from facturo_chassis.auth.policy import Action, authorize, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound, PreconditionFailed
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals as events

logger = logging.getLogger(__name__)


async def approve_step(
    cmd: ApproveStep, uow: UnitOfWork, principal: Principal, today: date | None = None
) -> ApprovalRequest:
    delegated = await held_by(uow, principal, today or utc_today())
    request = await _decidable(uow, principal, delegated, cmd)
    decider = decider_of(principal, delegated)
    permit = await _decide(
        request, decider, principal, Decision.APPROVED, uow, comment=cmd.comment
    )
    index = permit.index
    if request.status == RequestStatus.GRANTED:
        await uow.publish(
            events.ApprovalGranted(
                request_id=request.id,
                invoice_id=request.invoice_id,
                department=request.department,
                decided_by=principal.subject,
                on_behalf_of=permit.on_behalf_of,
                credit_note_id=credit_note_of(request),
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
                on_behalf_of=permit.on_behalf_of,
            )
        )
    return request


async def reject_request(
    cmd: RejectRequest,
    uow: UnitOfWork,
    principal: Principal,
    today: date | None = None,
) -> ApprovalRequest:
    delegated = await held_by(uow, principal, today or utc_today())
    request = await _decidable(uow, principal, delegated, cmd)
    decider = decider_of(principal, delegated)
    permit = await _decide(
        request, decider, principal, Decision.REJECTED, uow, reason=cmd.reason
    )
    await uow.publish(
        events.ApprovalRejected(
            request_id=request.id,
            invoice_id=request.invoice_id,
            department=request.department,
            decided_by=principal.subject,
            reason=cmd.reason,
            on_behalf_of=permit.on_behalf_of,
            credit_note_id=credit_note_of(request),
        )
    )
    return request


def credit_note_of(request: ApprovalRequest) -> str | None:
    """The credit note a request approves; None for an invoice."""
    if request.document_kind == DocumentKind.CREDIT_NOTE:
        return request.document_id
    return None


async def visible_request(
    uow: UnitOfWork,
    principal: Principal,
    request_id: str,
    action: Action,
    delegated: Mapping[str, object] | None = None,
) -> ApprovalRequest:
    """The request, if the caller may act on it; otherwise NotFound/Forbidden.

    A delegate reaches the requests of the departments delegated to them;
    anything else is refused as it would be without a delegation.
    """
    request = await repository.get_request(uow.session, request_id)
    if request is not None and request.department in (delegated or {}):
        require(principal, Action.APPROVAL_DECIDE_DELEGATED)
        tag_request(request)
        return request
    if request is None:
        authorize(principal, action, "")  # refuse alike whether it exists or not
        raise NotFound("not found")
    authorize(principal, action, request.department)
    tag_request(request)
    return request


def decider_of(
    principal: Principal, delegated: Mapping[str, tuple[str, ...]] | None = None
) -> Decider:
    return Decider(
        subject=principal.subject,
        roles=frozenset(str(role) for role in principal.roles),
        departments=principal.departments,
        delegated=dict(delegated or {}),
    )


async def _decidable(
    uow: UnitOfWork,
    principal: Principal,
    delegated: Mapping[str, tuple[str, ...]],
    cmd: ApproveStep | RejectRequest,
) -> ApprovalRequest:
    request = await visible_request(
        uow, principal, cmd.request_id, Action.APPROVAL_DECIDE, delegated
    )
    expected = cmd.expected_version
    if expected is not None and expected != request.version:
        raise PreconditionFailed(
            f"the request is at version {request.version}, not {expected}",
            current_version=request.version,
        )
    return request


async def _decide(
    request: ApprovalRequest,
    decider: Decider,
    principal: Principal,
    decision: Decision,
    uow: UnitOfWork,
    *,
    reason: str | None = None,
    comment: str | None = None,
) -> Permit:
    """Record the caller's decision on the current step; return the permit."""
    permit = check_decision(request, decider, decision)
    index = permit.index
    now = datetime.now(UTC)
    step = request.steps[index]
    _record(step, principal, decision, now, reason, comment)
    step.decided_on_behalf_of = permit.on_behalf_of
    request.status = status_after(decision, index, len(request.steps)).value
    request.updated_at = now
    await uow.session.flush()  # checks and bumps the version
    logger.info(
        "request %s step %d %s by %s (on behalf of %s); request %s",
        request.id,
        index,
        decision.value,
        principal.subject,
        permit.on_behalf_of or "nobody",
        request.status,
    )
    return permit


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
