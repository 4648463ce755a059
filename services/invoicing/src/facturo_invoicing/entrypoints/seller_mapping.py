"""The seller frozen on an invoice or credit note, as the API shows it."""

from facturo_invoicing.entrypoints.schemas import SellerRead
from facturo_invoicing.service_layer.sellers import Numbered, frozen


def seller_read(row: Numbered) -> SellerRead | None:
    seller = frozen(row)
    if seller is None:
        return None
    return SellerRead(
        legal_entity_id=seller.legal_entity_id,
        name=seller.name,
        siren=seller.siren,
        vat_id=seller.vat_id,
        address=seller.address,
    )
