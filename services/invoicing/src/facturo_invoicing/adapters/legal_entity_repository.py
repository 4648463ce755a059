"""Reads of what invoicing knows of the identity service's legal entities."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.orm import DepartmentLegalEntity, LegalEntity


async def legal_entity_of(session: AsyncSession, department: str) -> LegalEntity | None:
    """The department's legal entity; None until both have been announced."""
    query = select(LegalEntity).join(
        DepartmentLegalEntity,
        DepartmentLegalEntity.legal_entity_id == LegalEntity.id,
    )
    found = await session.scalars(
        query.where(DepartmentLegalEntity.department == department)
    )
    return found.first()
