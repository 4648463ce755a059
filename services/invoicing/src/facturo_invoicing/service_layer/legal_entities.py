"""What the identity service says of legal entities and departments.

Invoicing keeps the latest it heard: a legal entity's public identifiers and
each department's legal entity. An announcement heard twice changes nothing;
issued invoices keep the seller they were issued with whatever comes later.
"""

import logging
from datetime import UTC, datetime

from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity
from facturo_invoicing.adapters.orm import DepartmentLegalEntity, LegalEntity

logger = logging.getLogger(__name__)


async def record_legal_entity(
    event: identity.LegalEntityRegistered, uow: UnitOfWork
) -> None:
    entity = await uow.session.get(LegalEntity, event.id)
    if entity is None:
        entity = LegalEntity(id=event.id)
        uow.session.add(entity)
    entity.name = event.name
    entity.siren = event.siren
    entity.vat_id = event.vat_id
    entity.address = event.address
    entity.recorded_at = datetime.now(UTC)
    logger.info("legal entity %s recorded", event.id)


async def record_department(
    department: str, legal_entity_id: str, uow: UnitOfWork
) -> None:
    """From now on, ``department`` invoices as ``legal_entity_id``."""
    link = await uow.session.get(DepartmentLegalEntity, department)
    if link is None:
        link = DepartmentLegalEntity(department=department)
        uow.session.add(link)
    link.legal_entity_id = legal_entity_id
    link.recorded_at = datetime.now(UTC)
    logger.info("department %s invoices as %s", department, legal_entity_id)
