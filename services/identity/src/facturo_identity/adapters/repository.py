"""Reads of the identity schema."""

from datetime import date

from sqlalchemy import Select, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_identity.adapters.orm import Delegation, ErasureRequest, LegalEntity


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


async def unended_delegations(
    session: AsyncSession,
    user_id: str,
    today: date,
    department: str | None,
    given_only: bool,
) -> list[Delegation]:
    """Delegations `user_id` gave (or received, unless `given_only`) that are
    neither revoked nor over by `today`, for `department` (None: any)."""
    party = Delegation.delegator_id == user_id
    if not given_only:
        party = or_(party, Delegation.delegate_id == user_id)
    query = select(Delegation).where(
        party, Delegation.revoked_at.is_(None), Delegation.ends_on >= today
    )
    if department is not None:
        query = query.where(Delegation.department == department)
    return list(await session.scalars(query.order_by(Delegation.id)))


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


async def unannounced_legal_entities(session: AsyncSession) -> list[LegalEntity]:
    query = (
        select(LegalEntity)
        .where(LegalEntity.announced_at.is_(None))
        .order_by(LegalEntity.created_at, LegalEntity.id)
    )
    return list(await session.scalars(query))


async def legal_entities_created_by(
    session: AsyncSession, user_id: str
) -> list[LegalEntity]:
    query = select(LegalEntity).where(LegalEntity.created_by == user_id)
    return list(await session.scalars(query.order_by(LegalEntity.created_at)))


async def get_erasure(session: AsyncSession, erasure_id: str) -> ErasureRequest | None:
    return await session.get(ErasureRequest, erasure_id)


async def erasures_of(
    session: AsyncSession, user_id: str | None, email_sha256: str | None
) -> list[ErasureRequest]:
    """The erasure requests about a user or an address hash, oldest first."""
    about = [
        column == value
        for column, value in (
            (ErasureRequest.user_id, user_id),
            (ErasureRequest.email_sha256, email_sha256),
        )
        if value is not None
    ]
    if not about:
        return []
    query = select(ErasureRequest).where(or_(*about))
    order = (ErasureRequest.requested_at, ErasureRequest.id)
    return list(await session.scalars(query.order_by(*order)))
