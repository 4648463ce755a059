"""Delegation handlers: grant, list and revoke, each over a unit of work.

Every change publishes an identity event in the same transaction; approvals
keeps its own copy of the delegations from them. An admin's change to a
person (leaving a department, losing the approver role, being disabled) also
revokes the delegations it invalidates, in the admin's transaction.
"""

import logging
import uuid
from datetime import UTC, date, datetime

from facturo_chassis.auth.policy import (
    Action,
    authorize,
    require,
    sees_all_departments,
)
from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.problems import Forbidden, NotFound
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity as events
from facturo_identity.adapters import repository
from facturo_identity.adapters.directory import Directory
from facturo_identity.adapters.orm import Delegation
from facturo_identity.domain.delegations import DelegationTerms, check_terms
from facturo_identity.service_layer.commands import GrantDelegation, ListDelegations

logger = logging.getLogger(__name__)


async def grant_delegation(
    cmd: GrantDelegation,
    uow: UnitOfWork,
    directory: Directory,
    principal: Principal,
    today: date,
) -> Delegation:
    """The caller lends their approver authority for one of their departments."""
    authorize(principal, Action.DELEGATION_GRANT, cmd.department)
    if cmd.department not in principal.departments:
        raise NotFound("not found")  # approves elsewhere: looks like absence
    terms = DelegationTerms(
        department=cmd.department,
        delegator_id=principal.subject,
        delegate_id=cmd.delegate_id,
        starts_on=cmd.starts_on,
        ends_on=cmd.ends_on,
        reason=cmd.reason,
    )
    check_terms(terms, await directory.user(cmd.delegate_id), today)
    delegation = Delegation(
        id=str(uuid.uuid4()), created_at=datetime.now(UTC), **vars(terms)
    )
    uow.session.add(delegation)
    await uow.session.flush()
    await uow.publish(_event(events.DelegationGranted, delegation))
    logger.info(
        "delegation %s granted by %s to %s for %s",
        delegation.id,
        delegation.delegator_id,
        delegation.delegate_id,
        delegation.department,
    )
    return delegation


async def list_delegations(
    query: ListDelegations, uow: UnitOfWork, principal: Principal
) -> list[Delegation]:
    """Admins and auditors see all; anyone else what they gave or received."""
    require(principal, Action.DELEGATION_READ)
    party = None if sees_all_departments(principal) else principal.subject
    return await repository.list_delegations(uow.session, party, query.active_on)


async def revoke_delegation(
    delegation_id: str, uow: UnitOfWork, principal: Principal
) -> Delegation:
    """The delegator or an admin ends a delegation; a second revoke is a no-op."""
    require(principal, Action.DELEGATION_REVOKE)
    delegation = await repository.get_delegation(uow.session, delegation_id)
    if delegation is None or not _sees(principal, delegation):
        raise NotFound("not found")
    if principal.subject != delegation.delegator_id and not _is_admin(principal):
        raise Forbidden("only the delegator or an admin may revoke a delegation")
    if delegation.revoked_at is None:
        await _revoke(delegation, uow, principal, datetime.now(UTC))
    return delegation


async def revoke_delegations_of(
    user_id: str,
    uow: UnitOfWork,
    principal: Principal,
    *,
    department: str | None = None,
    given_only: bool = False,
) -> list[Delegation]:
    """End what `user_id` gave (and received, unless `given_only`) for
    `department` (None: every department), as `principal`'s change requires.

    For the directory administration handlers, which have checked the
    caller's right; delegations already revoked or over are left alone.
    """
    now = datetime.now(UTC)
    found = await repository.unended_delegations(
        uow.session, user_id, now.date(), department, given_only
    )
    for delegation in found:
        await _revoke(delegation, uow, principal, now)
    return found


async def _revoke(
    delegation: Delegation, uow: UnitOfWork, principal: Principal, now: datetime
) -> None:
    delegation.revoked_at = now
    delegation.revoked_by = principal.subject
    await uow.publish(_event(events.DelegationRevoked, delegation))
    logger.info("delegation %s revoked by %s", delegation.id, principal.subject)


def _sees(principal: Principal, delegation: Delegation) -> bool:
    parties = {delegation.delegator_id, delegation.delegate_id}
    return sees_all_departments(principal) or principal.subject in parties


def _is_admin(principal: Principal) -> bool:
    return Role.ADMIN in principal.roles


def _event(
    kind: type[events.DelegationEvent], delegation: Delegation
) -> events.DelegationEvent:
    return kind(
        id=delegation.id,
        delegator_id=delegation.delegator_id,
        delegate_id=delegation.delegate_id,
        department=delegation.department,
        starts_on=delegation.starts_on,
        ends_on=delegation.ends_on,
    )
