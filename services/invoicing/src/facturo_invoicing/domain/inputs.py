"""An invoice as entered: lines, discounts, allowances and charges, delivery."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from facturo_invoicing.domain.vat import VatCategory, default_category

DEFAULT_UNIT = "C62"  # UN/ECE recommendation 20: "one" (a unit)


@dataclass(frozen=True)
class Discount:
    """A line discount: either a percent of the line amount or an amount."""

    percent: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class LineInput:
    """One invoice line as entered; ``vat_rate`` is a percent, e.g. 20.

    Without a category, a positive rate is standard (S) and 0 is zero rated (Z).
    """

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    vat_category: VatCategory | None = None
    discount: Discount | None = None
    unit: str = DEFAULT_UNIT
    exemption_reason: str | None = None
    exemption_code: str | None = None

    @property
    def category(self) -> VatCategory:
        return self.vat_category or default_category(self.vat_rate)


@dataclass(frozen=True)
class AllowanceCharge:
    """A document-level allowance (BG-20) or charge (BG-21) and its VAT group."""

    amount: Decimal
    reason: str
    vat_rate: Decimal
    vat_category: VatCategory | None = None
    reason_code: str | None = None
    exemption_reason: str | None = None
    exemption_code: str | None = None

    @property
    def category(self) -> VatCategory:
        return self.vat_category or default_category(self.vat_rate)


@dataclass(frozen=True)
class Delivery:
    """When and where the invoice's goods or services were delivered.

    EN 16931: actual delivery date (BT-72), invoicing period start and end
    (BG-14: BT-73, BT-74), deliver-to country code (BT-80) and a line of
    the deliver-to address (BT-75).
    """

    actual_date: date | None = None
    period_start: date | None = None
    period_end: date | None = None
    country: str | None = None
    address: str | None = None

    @property
    def dated(self) -> bool:
        """The delivery date or the invoicing period is given."""
        return any((self.actual_date, self.period_start, self.period_end))


@dataclass(frozen=True)
class VatIds:
    """The VAT identifiers a document shows: the seller's (BT-31), its tax
    representative's (BT-63) and the buyer's (BT-48)."""

    seller: str | None = None
    tax_representative: str | None = None
    buyer: str | None = None
