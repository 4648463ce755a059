"""Lists of approval requests: a decider's inbox, or a read-only view."""

from dataclasses import dataclass

from facturo_approvals.adapters import repository
from facturo_approvals.adapters.orm import ApprovalRequest
from facturo_approvals.domain.four_eyes import may_decide_now
from facturo_approvals.domain.request import RequestStatus
from facturo_approvals.service_layer.decisions import decider_of
from facturo_chassis.auth.policy import Action, may, require, scope_filter
from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.unit_of_work import UnitOfWork


@dataclass(frozen=True)
class ListApprovals:
    status: RequestStatus | None
    departments: tuple[str, ...] | None
    limit: int
    offset: int


async def list_approvals(
    query: ListApprovals, uow: UnitOfWork, principal: Principal
) -> tuple[list[ApprovalRequest], int]:
    """Pending means "mine to decide now" for deciders; auditors see all."""
    require(principal, Action.APPROVAL_READ)
    departments = scope_filter(principal, query.departments)
    if query.status is RequestStatus.PENDING and _is_decider(principal):
        return await _inbox(query, uow, principal, departments)
    status = query.status.value if query.status else None
    return await repository.list_requests(
        uow.session, departments, status, query.limit, query.offset
    )


def _is_decider(principal: Principal) -> bool:
    return may(principal, Action.APPROVAL_DECIDE) and Role.AUDITOR not in (
        principal.roles
    )


async def _inbox(
    query: ListApprovals,
    uow: UnitOfWork,
    principal: Principal,
    departments: frozenset[str] | None,
) -> tuple[list[ApprovalRequest], int]:
    # TODO: the four-eyes filter runs in Python over every pending request
    # of the caller's departments; finance, who sees all departments, pays
    # for a full scan of the pending requests until it moves into SQL.
    candidates = await repository.pending_not_authored_by(
        uow.session, departments, principal.subject
    )
    decider = decider_of(principal)
    mine = [request for request in candidates if may_decide_now(request, decider)]
    return mine[query.offset : query.offset + query.limit], len(mine)
