"""Who sells: the legal entity of the invoice's department, frozen at issue.

Invoicing learns the legal entities and the departments' legal entity from
the identity service's events (`service_layer.legal_entities`). Until it has
heard of a department's, the default seller of the settings stands in, with a
warning, so that issuing never waits on the directory.
"""

import logging

from sqlalchemy.ext.asyncio import AsyncSession

from facturo_invoicing.adapters.legal_entity_repository import legal_entity_of
from facturo_invoicing.adapters.orm import CreditNote, Invoice
from facturo_invoicing.domain.sellers import Seller
from facturo_invoicing.settings import InvoicingSettings

logger = logging.getLogger(__name__)

Numbered = Invoice | CreditNote


async def seller_of(
    session: AsyncSession, department: str, settings: InvoicingSettings
) -> Seller:
    """The department's legal entity as identity last announced it."""
    entity = await legal_entity_of(session, department)
    if entity is None:
        logger.warning(
            "legal entity of department %s unknown; the default seller issues",
            department,
        )
        return default_seller(settings)
    return Seller(entity.id, entity.name, entity.siren, entity.vat_id, entity.address)


def default_seller(settings: InvoicingSettings) -> Seller:
    return Seller(
        legal_entity_id=None,
        name=settings.seller_name,
        siren=settings.seller_siren,
        vat_id=settings.seller_vat_id,
        address=", ".join(settings.seller_address),
    )


def freeze(row: Numbered, seller: Seller) -> None:
    """Keep ``seller`` on the invoice or credit note as it is now."""
    row.seller_legal_entity_id = seller.legal_entity_id
    row.seller_name = seller.name
    row.seller_siren = seller.siren
    row.seller_vat_id = seller.vat_id
    row.seller_address = seller.address


def frozen(row: Numbered) -> Seller | None:
    """The seller kept at issue; None before."""
    if row.seller_siren is None:
        return None
    assert row.seller_name is not None and row.seller_vat_id is not None
    return Seller(
        legal_entity_id=row.seller_legal_entity_id,
        name=row.seller_name,
        siren=row.seller_siren,
        vat_id=row.seller_vat_id,
        address=row.seller_address or "",
    )
