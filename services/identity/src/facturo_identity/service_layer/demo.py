"""The demo company and its departments, for a development database."""

import logging

from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity as events
from facturo_identity.adapters import repository
from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.adapters.directory import ManagedDirectory
from facturo_identity.domain.errors import DirectoryUnavailable
from facturo_identity.domain.legal_entities import LegalEntityTerms
from facturo_identity.service_layer.legal_entities import add_legal_entity

logger = logging.getLogger(__name__)

# Invoicing's default seller; the IBAN is a well-known example.
DEMO_COMPANY = LegalEntityTerms(
    name="Facturo Démo SAS",
    siren="812345676",
    vat_id="FR19812345676",
    address="12 rue de la Paix, 75002 Paris, France",
    iban="FR7630006000011234567890189",
)
SEEDER = "identity-demo-seed"


async def seed_demo_company(uow: UnitOfWork, cipher: FieldCipher) -> None:
    """Create the demo company when no legal entity exists (development only)."""
    async with uow:
        if await repository.list_legal_entities(uow.session):
            return
        entity = await add_legal_entity(DEMO_COMPANY, uow, cipher, SEEDER)
    logger.info("seeded the demo legal entity %s", entity.id)


async def assign_demo_departments(uow: UnitOfWork, directory: ManagedDirectory) -> None:
    """Put the departments that name no legal entity under the demo company.

    The demo realm's departments come from its file, not from the API, so no
    `DepartmentCreated` told the other services their legal entity. Each is
    assigned once, in a unit of work of its own: Keycloak keeps the attribute
    and the next start finds it there. An unreachable directory is left for
    the next start.
    """
    async with uow:
        entity = await repository.legal_entity_by_siren(uow.session, DEMO_COMPANY.siren)
    if entity is None:
        return
    try:
        for department in await directory.departments():
            if department.legal_entity is None:
                await _assign(department.code, entity.id, uow, directory)
    except DirectoryUnavailable as error:
        logger.warning("demo departments not assigned: %s", error)


async def _assign(
    department: str, legal_entity_id: str, uow: UnitOfWork, directory: ManagedDirectory
) -> None:
    async with uow:
        await uow.publish(
            events.DepartmentAssignedToLegalEntity(
                department=department, legal_entity_id=legal_entity_id
            )
        )
        await directory.assign_legal_entity(department, legal_entity_id)
    logger.info(
        "department %s assigned to legal entity %s", department, legal_entity_id
    )
