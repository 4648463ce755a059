"""Reads of the identity schema."""

from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_identity.adapters.orm import Delegation


async def get_delegation(
    session: AsyncSession, delegation_id: str
) -> Delegation | None:
    return await session.get(Delegation, delegation_id)


async def list_delegations(
    session: AsyncSession, party: str | None, active_on: date | None
) -> list[Delegation]:
    """Delegations given or received by `party` (None: everybody's)."""
    query: Select[tuple[Delegation]] = select(Delegation)
    if party is not None:
        query = query.where(
            or_(Delegation.delegator_id == party, Delegation.delegate_id == party)
        )
    if active_on is not None:
        query = query.where(
            Delegation.revoked_at.is_(None),
            Delegation.starts_on <= active_on,
            Delegation.ends_on >= active_on,
        )
    order = (Delegation.starts_on, Delegation.created_at, Delegation.id)
    return list(await session.scalars(query.order_by(*order)))
