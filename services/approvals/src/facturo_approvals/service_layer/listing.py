"""Lists of approval requests: a decider's inbox, or a read-only view."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from facturo_approvals.adapters import repository
from facturo_approvals.adapters.orm import ApprovalRequest
from facturo_approvals.domain.four_eyes import Decider, may_decide_now
from facturo_approvals.domain.request import RequestStatus
from facturo_approvals.service_layer.decisions import decider_of, visible_request
from facturo_approvals.service_layer.delegations import held_by, utc_today
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
    query: ListApprovals,
    uow: UnitOfWork,
    principal: Principal,
    today: date | None = None,
) -> tuple[list[ApprovalRequest], int]:
    """Pending means "mine to decide now" for deciders and delegates;
    auditors see all."""
    delegated = await held_by(uow, principal, today or utc_today())
    if query.status is RequestStatus.PENDING and _decides(principal, delegated):
        departments = _inbox_departments(principal, query.departments, delegated)
        decider = decider_of(principal, delegated)
        return await _inbox(query, uow, decider, departments)
    require(principal, Action.APPROVAL_READ)
    departments = scope_filter(principal, query.departments)
    status = query.status.value if query.status else None
    return await repository.list_requests(
        uow.session, departments, status, query.limit, query.offset
    )


async def read_request(
    uow: UnitOfWork, principal: Principal, request_id: str, today: date | None = None
) -> ApprovalRequest:
    """One request: for its readers, and for whoever holds a delegation there."""
    delegated = await held_by(uow, principal, today or utc_today())
    return await visible_request(
        uow, principal, request_id, Action.APPROVAL_READ, delegated
    )


def _decides(principal: Principal, delegated: Mapping[str, object]) -> bool:
    if Role.AUDITOR in principal.roles:
        return False
    if may(principal, Action.APPROVAL_DECIDE):
        return True
    return bool(delegated) and may(principal, Action.APPROVAL_DECIDE_DELEGATED)


def _inbox_departments(
    principal: Principal,
    requested: tuple[str, ...] | None,
    delegated: Mapping[str, object],
) -> frozenset[str] | None:
    """Where the caller decides: their own scope if they decide, plus the
    departments delegated to them; None means every department."""
    lent = frozenset(delegated) & frozenset(requested or delegated)
    if not may(principal, Action.APPROVAL_DECIDE):
        return lent
    own = scope_filter(principal, requested)
    return None if own is None else own | lent


async def _inbox(
    query: ListApprovals,
    uow: UnitOfWork,
    decider: Decider,
    departments: frozenset[str] | None,
) -> tuple[list[ApprovalRequest], int]:
    # TODO: the four-eyes filter runs in Python over every pending request
    # of the caller's departments; finance, who sees all departments, pays
    # for a full scan of the pending requests until it moves into SQL.
    candidates = await repository.pending_not_authored_by(
        uow.session, departments, decider.subject
    )
    mine = [request for request in candidates if may_decide_now(request, decider)]
    return mine[query.offset : query.offset + query.limit], len(mine)
