"""The demo company's legal entity, for a development database."""

import logging

from facturo_chassis.unit_of_work import UnitOfWork
from facturo_identity.adapters import repository
from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.domain.legal_entities import LegalEntityTerms
from facturo_identity.service_layer.legal_entities import add_legal_entity

logger = logging.getLogger(__name__)

# The seller invoicing's settings name today; the IBAN is a well-known example.
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
    # TODO: invoices still take the seller from invoicing's settings; the next
    # step is for invoicing to take it from the legal entity of the invoice's
    # department (GET /api/v1/legal-entities/{id}, department.legal_entity).
    async with uow:
        if await repository.list_legal_entities(uow.session):
            return
        entity = await add_legal_entity(DEMO_COMPANY, uow, cipher, SEEDER)
    logger.info("seeded the demo legal entity %s", entity.id)
