"""Reads of the identity schema."""

from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_identity.adapters.orm import Delegation, LegalEntity


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


async def get_legal_entity(
    session: AsyncSession, legal_entity_id: str
) -> LegalEntity | None:
    return await session.get(LegalEntity, legal_entity_id)


async def legal_entity_by_siren(
    session: AsyncSession, siren: str
) -> LegalEntity | None:
    query = select(LegalEntity).where(LegalEntity.siren == siren)
    return (await session.scalars(query)).first()


async def list_legal_entities(session: AsyncSession) -> list[LegalEntity]:
    query = select(LegalEntity).order_by(LegalEntity.name, LegalEntity.id)
    return list(await session.scalars(query))
