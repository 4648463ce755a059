"""What people and other services ask the invoicing service to do."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CreateCustomer:
    department: str
    name: str
    siren: str
    vat_id: str | None
    email: str | None
    address_lines: tuple[str, ...]
    country: str
    payment_terms_days: int


@dataclass(frozen=True)
class DraftLine:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal


@dataclass(frozen=True)
class CreateInvoice:
    department: str
    customer_id: str
    currency: str
    lines: tuple[DraftLine, ...]


@dataclass(frozen=True)
class SubmitInvoice:
    invoice_id: str
    expected_version: int | None = None
