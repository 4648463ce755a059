"""Checks of an invoice as entered; every problem is listed, not just the first.

Amounts and delivery information are checked on every edit of a draft;
what EN 16931 asks of a VAT category is checked at submission, each
problem naming its rule (``BR-IC-11: ...``):

- An intra-community supply (K) says when it was delivered, by the actual
  delivery date or the invoicing period (BR-IC-11), and where, by the
  deliver-to country (BR-IC-12).
- An invoice not subject to VAT (O) shows no VAT identifier: neither the
  seller's, its tax representative's nor the buyer's (BR-O-02 to BR-O-04).
  Facturo complies by leaving them off such an invoice's documents
  (``shown_vat_ids``, used for the invoice and its credit notes); the
  parties are still identified by their SIREN (BT-30, BT-47). It never
  refuses the invoice for it: a French company invoicing something outside
  the scope of VAT (disbursements, indemnities, services located abroad)
  keeps its own VAT number and its customer's on file for their other
  invoices; EN 16931 only forbids this document to show them.
"""

import re
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from facturo_invoicing.domain.customers import countries
from facturo_invoicing.domain.errors import FieldProblem, InvalidInvoice
from facturo_invoicing.domain.inputs import (
    AllowanceCharge,
    Delivery,
    Discount,
    LineInput,
    VatIds,
)
from facturo_invoicing.domain.money import MONEY_CONTEXT, minor_digits
from facturo_invoicing.domain.vat import (
    VatCategory,
    mix_problems,
    rate_problems,
    reason_problems,
)

MAX_DESCRIPTION = 500
MAX_DECIMALS = 4
# Caps quantity and unit price so that their product is always exact.
MAX_MAGNITUDE = Decimal(10) ** 15
HUNDRED = Decimal(100)
_UNIT = re.compile(r"[A-Z0-9]{1,3}")


def check_document(
    lines: Sequence[LineInput],
    allowances: Sequence[AllowanceCharge],
    charges: Sequence[AllowanceCharge],
    prepaid: Decimal,
    currency: str,
) -> None:
    """Raise ``InvalidInvoice`` listing every problem of the entered amounts."""
    problems = [
        *line_problems(lines),
        *_adjustment_problems("allowances", allowances),
        *_adjustment_problems("charges", charges),
        *_prepaid_problems(prepaid, currency),
    ]
    if not problems:
        categories = [line.category for line in lines]
        categories += [item.category for item in (*allowances, *charges)]
        problems.extend(mix_problems(categories))
    if problems:
        raise InvalidInvoice(problems)


def delivery_problems(delivery: Delivery) -> Iterator[FieldProblem]:
    """A period that ends before it starts (BR-29), an unknown country, or
    an address without its country (BR-57)."""
    start, end = delivery.period_start, delivery.period_end
    if start is not None and end is not None and end < start:
        yield FieldProblem(
            "invoicing_period_end", f"BR-29: must not be before the start {start}"
        )
    if delivery.country is not None and delivery.country not in countries():
        yield FieldProblem(
            "deliver_to_country", "not an ISO 3166-1 alpha-2 country code"
        )
    if delivery.address and not delivery.country:
        yield FieldProblem(
            "deliver_to_country", "BR-57: a deliver-to address needs its country"
        )


def intra_community_problems(
    categories: Iterable[VatCategory], delivery: Delivery
) -> Iterator[FieldProblem]:
    """BR-IC-11 and BR-IC-12: an intra-community supply (K) says when and
    where it was delivered."""
    if VatCategory.INTRA_EU not in set(categories):
        return
    if not delivery.dated:
        yield FieldProblem(
            "actual_delivery_date",
            "BR-IC-11: an intra-community supply (K) needs the actual delivery "
            "date or the invoicing period",
        )
    if not delivery.country:
        yield FieldProblem(
            "deliver_to_country",
            "BR-IC-12: an intra-community supply (K) needs the deliver-to country",
        )


def shown_vat_ids(categories: Iterable[VatCategory], ids: VatIds) -> VatIds:
    """The VAT identifiers a document shows: none when it is not subject to
    VAT (O), so that it meets BR-O-02 to BR-O-04."""
    if VatCategory.OUTSIDE_SCOPE in set(categories):
        return VatIds()
    return ids


def check_lines(lines: Sequence[LineInput]) -> None:
    """Raise ``InvalidInvoice`` listing every problem found in ``lines``."""
    problems = list(line_problems(lines))
    if problems:
        raise InvalidInvoice(problems)


def line_problems(lines: Sequence[LineInput]) -> Iterator[FieldProblem]:
    if not lines:
        yield FieldProblem("lines", "at least one line is required")
    for index, line in enumerate(lines):
        at = f"lines/{index}"
        yield from _text_problems(f"{at}/description", line.description)
        yield from _quantity_problems(f"{at}/quantity", line.quantity)
        yield from _amount_problems(f"{at}/unit_price", line.unit_price)
        yield from _vat_problems(at, line)
        if not _UNIT.fullmatch(line.unit or ""):
            yield FieldProblem(f"{at}/unit", "must be a UN/ECE rec. 20 code, e.g. C62")
        if line.discount is not None:
            yield from _discount_problems(f"{at}/discount", line.discount)


def _adjustment_problems(
    where: str, items: Sequence[AllowanceCharge]
) -> Iterator[FieldProblem]:
    for index, item in enumerate(items):
        at = f"{where}/{index}"
        yield from _amount_problems(f"{at}/amount", item.amount)
        if not (item.reason or "").strip() and not item.reason_code:
            yield FieldProblem(f"{at}/reason", "a reason or reason code is required")
        yield from _vat_problems(at, item)


def _vat_problems(at: str, item: LineInput | AllowanceCharge) -> Iterator[FieldProblem]:
    rate_at = f"{at}/vat_rate"
    if not _is_finite(item.vat_rate):
        yield FieldProblem(rate_at, "must be a finite decimal number")
        return
    if not 0 <= item.vat_rate <= HUNDRED:
        yield FieldProblem(rate_at, "must be between 0 and 100")
        return
    yield from rate_problems(rate_at, item.category, item.vat_rate)
    yield from reason_problems(
        f"{at}/exemption_reason",
        item.category,
        item.exemption_reason,
        item.exemption_code,
    )


def _discount_problems(at: str, discount: Discount) -> Iterator[FieldProblem]:
    if (discount.percent is None) == (discount.amount is None):
        yield FieldProblem(at, "give either a percent or an amount")
    elif discount.percent is not None:
        yield from _percent_problems(f"{at}/percent", discount.percent)
    elif discount.amount is not None:
        yield from _amount_problems(f"{at}/amount", discount.amount)


def _percent_problems(at: str, value: Decimal) -> Iterator[FieldProblem]:
    if not _is_finite(value):
        yield FieldProblem(at, "must be a finite decimal number")
    elif not 0 <= value <= HUNDRED:
        yield FieldProblem(at, "must be between 0 and 100")
    elif decimal_places(value) > MAX_DECIMALS:
        yield FieldProblem(at, f"must have at most {MAX_DECIMALS} decimal places")


def _prepaid_problems(value: Decimal, currency: str) -> Iterator[FieldProblem]:
    if not _is_finite(value):
        yield FieldProblem("prepaid", "must be a finite decimal number")
    elif value < 0:
        yield FieldProblem("prepaid", "must not be negative")
    elif abs(value) >= MAX_MAGNITUDE:
        yield FieldProblem("prepaid", f"must be less than {MAX_MAGNITUDE:f}")
    elif decimal_places(value) > minor_digits(currency):
        yield FieldProblem("prepaid", f"must be a whole amount of {currency}")


def _text_problems(at: str, text: str) -> Iterator[FieldProblem]:
    if not isinstance(text, str) or not text.strip():
        yield FieldProblem(at, "must not be empty")
    elif len(text) > MAX_DESCRIPTION:
        yield FieldProblem(at, f"must be at most {MAX_DESCRIPTION} characters")


def _quantity_problems(at: str, value: Decimal) -> Iterator[FieldProblem]:
    if not _is_finite(value):
        yield FieldProblem(at, "must be a finite decimal number")
        return
    if value <= 0:
        yield FieldProblem(at, "must be greater than 0")
    yield from _size_problems(at, value)


def _amount_problems(at: str, value: Decimal) -> Iterator[FieldProblem]:
    if not _is_finite(value):
        yield FieldProblem(at, "must be a finite decimal number")
        return
    if value < 0:
        yield FieldProblem(at, "must not be negative")
    yield from _size_problems(at, value)


def _size_problems(at: str, value: Decimal) -> Iterator[FieldProblem]:
    if abs(value) >= MAX_MAGNITUDE:
        yield FieldProblem(at, f"must be less than {MAX_MAGNITUDE:f}")
    elif decimal_places(value) > MAX_DECIMALS:
        yield FieldProblem(at, f"must have at most {MAX_DECIMALS} decimal places")


def _is_finite(value: Decimal) -> bool:
    return isinstance(value, Decimal) and value.is_finite()


def decimal_places(value: Decimal) -> int:
    """Decimal places that matter: ``1.50`` has 1, ``100`` has 0."""
    exponent = value.normalize(MONEY_CONTEXT).as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)
