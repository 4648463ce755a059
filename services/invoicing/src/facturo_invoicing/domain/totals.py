"""Invoice totals under EN 16931: line nets, VAT per rate, net, VAT, gross."""

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from facturo_invoicing.domain.errors import FieldProblem, InvalidInvoice
from facturo_invoicing.domain.money import MONEY_CONTEXT, check_currency, round_money

MAX_DESCRIPTION = 500
MAX_DECIMALS = 4
# Caps quantity and unit price so that their product is always exact.
MAX_MAGNITUDE = Decimal(10) ** 15
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class LineInput:
    """One invoice line as entered; ``vat_rate`` is a percent, e.g. 20."""

    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal


@dataclass(frozen=True)
class LineAmounts:
    """A line and its net amount rounded to the currency's minor unit."""

    line: LineInput
    net: Decimal


@dataclass(frozen=True)
class VatBreakdownEntry:
    """VAT for one rate: the sum of line nets at that rate and its VAT."""

    rate: Decimal
    taxable: Decimal
    vat: Decimal


@dataclass(frozen=True)
class Totals:
    """Document totals; ``breakdown`` is ordered by rate, highest first."""

    net: Decimal
    vat: Decimal
    gross: Decimal
    breakdown: tuple[VatBreakdownEntry, ...]
    lines: tuple[LineAmounts, ...] = ()


def compute_totals(lines: Iterable[LineInput], currency: str) -> Totals:
    """Validate ``lines`` and compute their totals in ``currency``.

    Raises ``UnknownCurrency`` or ``InvalidInvoice`` (listing every problem).
    """
    check_currency(currency)
    entered = tuple(lines)
    check_lines(entered)
    amounts = tuple(line_amounts(line, currency) for line in entered)
    breakdown = vat_breakdown(amounts, currency)
    with localcontext(MONEY_CONTEXT):
        net = sum((a.net for a in amounts), Decimal(0))
        vat = sum((entry.vat for entry in breakdown), Decimal(0))
        return Totals(net, vat, net + vat, breakdown, amounts)


def line_amounts(line: LineInput, currency: str) -> LineAmounts:
    """Net of one line: quantity times unit price, rounded (EN 16931 BT-131)."""
    with localcontext(MONEY_CONTEXT):
        exact = line.quantity * line.unit_price
    return LineAmounts(line, round_money(exact, currency))


def vat_breakdown(
    amounts: Iterable[LineAmounts], currency: str
) -> tuple[VatBreakdownEntry, ...]:
    """One entry per rate; VAT is rounded once, on that rate's taxable base.

    TODO: EN 16931 groups by VAT category code and rate (BG-23); keyed by rate
    alone, exempt and zero-rated lines share one entry until categories exist.
    """
    taxable: defaultdict[Decimal, Decimal] = defaultdict(Decimal)
    with localcontext(MONEY_CONTEXT):
        for amount in amounts:
            taxable[canonical_rate(amount.line.vat_rate)] += amount.net
    return tuple(
        _entry(rate, taxable[rate], currency) for rate in sorted(taxable, reverse=True)
    )


def _entry(rate: Decimal, taxable: Decimal, currency: str) -> VatBreakdownEntry:
    with localcontext(MONEY_CONTEXT):
        exact = taxable * rate / HUNDRED
    return VatBreakdownEntry(rate, taxable, round_money(exact, currency))


def canonical_rate(rate: Decimal) -> Decimal:
    """One spelling per rate: ``20.0`` becomes ``20``, ``5.50`` becomes ``5.5``."""
    with localcontext(MONEY_CONTEXT):
        if rate == rate.to_integral_value():
            return rate.quantize(Decimal(1))
        return rate.normalize()


def check_lines(lines: Sequence[LineInput]) -> None:
    """Raise ``InvalidInvoice`` listing every problem found in ``lines``."""
    problems = list(_problems(lines))
    if problems:
        raise InvalidInvoice(problems)


def _problems(lines: Sequence[LineInput]) -> Iterator[FieldProblem]:
    if not lines:
        yield FieldProblem("lines", "at least one line is required")
    for index, line in enumerate(lines):
        at = f"lines/{index}"
        yield from _description_problems(f"{at}/description", line.description)
        yield from _quantity_problems(f"{at}/quantity", line.quantity)
        yield from _price_problems(f"{at}/unit_price", line.unit_price)
        yield from _rate_problems(f"{at}/vat_rate", line.vat_rate)


def _description_problems(at: str, text: str) -> Iterator[FieldProblem]:
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


def _price_problems(at: str, value: Decimal) -> Iterator[FieldProblem]:
    if not _is_finite(value):
        yield FieldProblem(at, "must be a finite decimal number")
        return
    if value < 0:
        yield FieldProblem(at, "must not be negative")
    yield from _size_problems(at, value)


def _rate_problems(at: str, value: Decimal) -> Iterator[FieldProblem]:
    if not _is_finite(value):
        yield FieldProblem(at, "must be a finite decimal number")
    elif not 0 <= value <= HUNDRED:
        yield FieldProblem(at, "must be between 0 and 100")


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
