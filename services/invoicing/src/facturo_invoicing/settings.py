"""Invoicing settings (`FACTURO_*`), with the default seller of invoices."""

from decimal import Decimal

from pydantic import PositiveFloat, PositiveInt

from facturo_chassis.settings import ServiceSettings


class InvoicingSettings(ServiceSettings):
    service_name: str = "invoicing"
    http_port: int = 8002
    database_url: str = "sqlite+aiosqlite:///var/data/invoicing.db"
    # The default legal entity: the seller of an invoice whose department's
    # legal entity the identity service has not yet announced (a warning is
    # logged); also the seller recorded on invoices issued before sellers were
    # kept per invoice. Otherwise the department's legal entity sells.
    seller_name: str = "Facturo Démo SAS"
    seller_siren: str = "812345676"
    seller_vat_id: str = "FR19812345676"
    seller_address: tuple[str, ...] = ("12 rue de la Paix", "75002 Paris", "France")
    late_penalty_rate: Decimal = Decimal("12.00")
    # The currency the seller keeps its books in (EN 16931 BT-6): an invoice
    # in another currency states its VAT total in this one too (BT-111).
    accounting_currency: str = "EUR"
    # An export holding more invoices is refused (422): narrow the filters.
    export_max_rows: int = 100_000
    # The identity service, asked whether a mentioned user may see an invoice.
    identity_url: str = "http://127.0.0.1:8001"
    # Recurring schedules: how often each instance looks for due occurrences,
    # and how many drafts one pass makes at most (a full pass goes on at once).
    scheduler_interval_seconds: PositiveFloat = 60.0
    scheduler_batch_size: PositiveInt = 50
