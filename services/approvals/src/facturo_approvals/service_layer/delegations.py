"""Keeping approvals' copy of identity's delegations, and reading it."""

import logging
from datetime import UTC, date, datetime

from facturo_approvals.adapters import repository
from facturo_approvals.adapters.orm import Delegation
from facturo_approvals.domain.delegations import delegated_to
from facturo_chassis.auth.principal import Principal
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity

logger = logging.getLogger(__name__)

Delegated = dict[str, tuple[str, ...]]


def utc_today() -> date:
    return datetime.now(UTC).date()


async def record_granted(event: identity.DelegationGranted, uow: UnitOfWork) -> None:
    if await repository.get_delegation(uow.session, event.id) is not None:
        return  # already known (a revocation may have come first)
    uow.session.add(_row(event, revoked=False))
    logger.info("delegation %s to %s recorded", event.id, event.delegate_id)


async def record_revoked(event: identity.DelegationRevoked, uow: UnitOfWork) -> None:
    delegation = await repository.get_delegation(uow.session, event.id)
    if delegation is None:
        uow.session.add(_row(event, revoked=True))
    else:
        delegation.revoked = True
    logger.info("delegation %s revoked", event.id)


async def held_by(uow: UnitOfWork, principal: Principal, on: date) -> Delegated:
    """Department -> delegators whose authority the caller holds on `on`."""
    rows = await repository.delegations_held(uow.session, principal.subject, on)
    return delegated_to(rows, principal.subject, on)


def _row(event: identity.DelegationEvent, revoked: bool) -> Delegation:
    return Delegation(
        id=event.id,
        department=event.department,
        delegator_id=event.delegator_id,
        delegate_id=event.delegate_id,
        starts_on=event.starts_on,
        ends_on=event.ends_on,
        revoked=revoked,
    )
