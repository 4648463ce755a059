"""An invoice's amounts as entered: lines, discounts, allowances and charges."""

from dataclasses import dataclass
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
