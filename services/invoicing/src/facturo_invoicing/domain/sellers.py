"""The seller an invoice names: one legal entity of the company."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Seller:
    """A legal entity as invoices show it; no id for the default seller."""

    legal_entity_id: str | None
    name: str
    siren: str
    vat_id: str
    address: str


def address_lines(address: str) -> tuple[str, ...]:
    """``12 rue de la Paix, 75002 Paris`` as the lines of a letterhead."""
    return tuple(part.strip() for part in address.split(",") if part.strip())
