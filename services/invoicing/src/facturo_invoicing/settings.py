"""Invoicing settings (`FACTURO_*`), with the seller shown on invoices."""

from decimal import Decimal

from facturo_chassis.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    service_name: str = "invoicing"
    http_port: int = 8002
    database_url: str = "sqlite+aiosqlite:///var/data/invoicing.db"
    # TODO: one legal entity for the whole company until the identity service
    # manages legal entities per department; multi-entity groups cannot yet
    # invoice from their separate companies.
    seller_name: str = "Facturo Démo SAS"
    seller_siren: str = "812345676"
    seller_vat_id: str = "FR19812345676"
    seller_address: tuple[str, ...] = ("12 rue de la Paix", "75002 Paris", "France")
    late_penalty_rate: Decimal = Decimal("12.00")
    # The currency the seller keeps its books in (EN 16931 BT-6): an invoice
    # in another currency states its VAT total in this one too (BT-111).
    accounting_currency: str = "EUR"
