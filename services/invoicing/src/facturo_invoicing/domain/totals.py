"""Invoice totals under EN 16931, to the minor unit, in ``Decimal``.

- A line's net (BT-131) is ``round(quantity * unit price) - discount``, the
  discount being a percent of that amount or an amount, rounded the same way.
- Lines, allowances (BG-20) and charges (BG-21) are grouped by VAT category
  and rate (BG-23); each group's VAT is computed once, on its taxable base,
  and rounded half away from zero.
- Net (BT-109) = line nets (BT-106) - allowances (BT-107) + charges (BT-108);
  VAT (BT-110) = the sum of the breakdown; gross (BT-112) = net + VAT;
  amount due (BT-115) = gross - prepaid (BT-113) + rounding (BT-114).
- With ``tax_inclusive`` the typed unit prices, discounts, allowances and
  charges include VAT; see ``inclusive`` for how they become nets.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from facturo_invoicing.domain.checks import check_document, check_lines
from facturo_invoicing.domain.errors import FieldProblem, InvalidInvoice
from facturo_invoicing.domain.inclusive import split_gross, vat_on
from facturo_invoicing.domain.inputs import AllowanceCharge, Discount, LineInput
from facturo_invoicing.domain.money import MONEY_CONTEXT, check_currency, round_money
from facturo_invoicing.domain.vat import DEFAULT_EXEMPTION, VatCategory

__all__ = [
    "AdjustmentAmounts",
    "AllowanceCharge",
    "Discount",
    "LineAmounts",
    "LineInput",
    "Totals",
    "VatBreakdownEntry",
    "canonical_rate",
    "check_lines",
    "compute_totals",
]

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineAmounts:
    """A line, its discount and its net, rounded to the minor unit.

    ``discount`` is in the same basis as the unit price (with VAT when the
    invoice is tax-inclusive); ``net`` is always without VAT.
    """

    line: LineInput
    net: Decimal
    discount: Decimal = ZERO


@dataclass(frozen=True)
class AdjustmentAmounts:
    """A document-level allowance or charge and its net without VAT."""

    item: AllowanceCharge
    net: Decimal


@dataclass(frozen=True)
class VatBreakdownEntry:
    """One VAT group (BG-23): its taxable base (BT-116) and VAT (BT-117)."""

    rate: Decimal
    taxable: Decimal
    vat: Decimal
    category: VatCategory = VatCategory.STANDARD
    exemption_reason: str | None = None
    exemption_code: str | None = None


@dataclass(frozen=True)
class Totals:
    """Document totals; ``breakdown`` is ordered by category, then rate down."""

    net: Decimal
    vat: Decimal
    gross: Decimal
    breakdown: tuple[VatBreakdownEntry, ...]
    lines: tuple[LineAmounts, ...] = ()
    allowances: tuple[AdjustmentAmounts, ...] = ()
    charges: tuple[AdjustmentAmounts, ...] = ()
    prepaid: Decimal = ZERO
    rounding: Decimal = ZERO
    currency: str = field(default="EUR", compare=False)

    @property
    def line_total(self) -> Decimal:
        return _clean(_sum(a.net for a in self.lines), self.currency)

    @property
    def allowance_total(self) -> Decimal:
        return _clean(_sum(a.net for a in self.allowances), self.currency)

    @property
    def charge_total(self) -> Decimal:
        return _clean(_sum(a.net for a in self.charges), self.currency)

    @property
    def amount_due(self) -> Decimal:
        with localcontext(MONEY_CONTEXT):
            return self.gross - self.prepaid + self.rounding


GroupKey = tuple[VatCategory, Decimal]


@dataclass(frozen=True)
class _Item:
    """A line, allowance or charge in its VAT group, amount as entered."""

    key: GroupKey
    amount: Decimal
    sign: int
    reason: str | None
    code: str | None


def compute_totals(
    lines: Iterable[LineInput],
    currency: str,
    *,
    allowances: Sequence[AllowanceCharge] = (),
    charges: Sequence[AllowanceCharge] = (),
    prepaid: Decimal = ZERO,
    tax_inclusive: bool = False,
) -> Totals:
    """Validate the entered amounts and compute their totals in ``currency``.

    Raises ``UnknownCurrency`` or ``InvalidInvoice`` (listing every problem).
    """
    check_currency(currency)
    entered = tuple(lines)
    check_document(entered, allowances, charges, prepaid, currency)
    line_entries = _line_amounts(entered, currency)
    items = [
        *(
            _line_item(line, amount)
            for line, (amount, _) in zip(entered, line_entries, strict=True)
        ),
        *(_adjustment_item(a, -1, currency) for a in allowances),
        *(_adjustment_item(c, +1, currency) for c in charges),
    ]
    nets, breakdown, rounding = _groups(items, currency, tax_inclusive)
    return _totals(
        entered,
        line_entries,
        allowances,
        charges,
        nets,
        breakdown,
        rounding,
        round_money(prepaid, currency),
        currency,
    )


def _totals(
    entered: Sequence[LineInput],
    line_entries: Sequence[tuple[Decimal, Decimal]],
    allowances: Sequence[AllowanceCharge],
    charges: Sequence[AllowanceCharge],
    nets: Sequence[Decimal],
    breakdown: tuple[VatBreakdownEntry, ...],
    rounding: Decimal,
    prepaid: Decimal,
    currency: str,
) -> Totals:
    count, allowance_count = len(entered), len(allowances)
    lines = tuple(
        LineAmounts(line, net, discount)
        for line, (_, discount), net in zip(
            entered, line_entries, nets[:count], strict=True
        )
    )
    allowed = tuple(
        AdjustmentAmounts(a, n)
        for a, n in zip(allowances, nets[count : count + allowance_count], strict=True)
    )
    charged = tuple(
        AdjustmentAmounts(c, n)
        for c, n in zip(charges, nets[count + allowance_count :], strict=True)
    )
    with localcontext(MONEY_CONTEXT):
        net = _clean(
            _sum(a.net for a in lines)
            - _sum(a.net for a in allowed)
            + _sum(c.net for c in charged),
            currency,
        )
        vat = _clean(_sum(e.vat for e in breakdown), currency)
        gross = net + vat
    if prepaid > gross + rounding:
        raise InvalidInvoice([FieldProblem("prepaid", "must not exceed the gross")])
    return Totals(
        net,
        vat,
        gross,
        breakdown,
        lines,
        allowed,
        charged,
        prepaid,
        _clean(rounding, currency),
        currency,
    )


def _line_amounts(
    lines: Sequence[LineInput], currency: str
) -> list[tuple[Decimal, Decimal]]:
    """Each line's amount after discount, and its discount, in the entry basis."""
    entries = [_line_amount(line, currency) for line in lines]
    problems = [
        FieldProblem(f"lines/{index}/discount", "must not exceed the line amount")
        for index, (amount, _) in enumerate(entries)
        if amount < 0
    ]
    if problems:
        raise InvalidInvoice(problems)
    return entries


def _line_amount(line: LineInput, currency: str) -> tuple[Decimal, Decimal]:
    with localcontext(MONEY_CONTEXT):
        base = round_money(line.quantity * line.unit_price, currency)
        discount = _discount(base, line.discount, currency)
        return _clean(base - discount, currency), discount


def _discount(base: Decimal, discount: Discount | None, currency: str) -> Decimal:
    if discount is None:
        return round_money(ZERO, currency)
    if discount.percent is not None:
        with localcontext(MONEY_CONTEXT):
            return round_money(base * discount.percent / 100, currency)
    assert discount.amount is not None
    return round_money(discount.amount, currency)


def _line_item(line: LineInput, amount: Decimal) -> _Item:
    key = (line.category, canonical_rate(line.vat_rate))
    return _Item(key, amount, +1, line.exemption_reason, line.exemption_code)


def _adjustment_item(item: AllowanceCharge, sign: int, currency: str) -> _Item:
    key = (item.category, canonical_rate(item.vat_rate))
    amount = round_money(item.amount, currency)
    return _Item(key, amount, sign, item.exemption_reason, item.exemption_code)


def _groups(
    items: Sequence[_Item], currency: str, tax_inclusive: bool
) -> tuple[list[Decimal], tuple[VatBreakdownEntry, ...], Decimal]:
    """Each item's net, one breakdown entry per group, and the BT-114 total."""
    members: defaultdict[GroupKey, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        members[item.key].append(index)
    nets = [item.amount for item in items]
    entries, rounding, problems = [], round_money(ZERO, currency), []
    for key in sorted(members, key=_group_order):
        group = [items[i] for i in members[key]]
        taxable, extra = _group_nets(group, members[key], nets, currency, tax_inclusive)
        if taxable < 0:
            problems.append(_negative_group(key))
            continue
        reason, code, reason_problems = _exemption(key, group)
        problems.extend(reason_problems)
        vat = vat_on(taxable, key[1], currency)
        entries.append(VatBreakdownEntry(key[1], taxable, vat, key[0], reason, code))
        rounding += extra
    if problems:
        raise InvalidInvoice(problems)
    return nets, tuple(entries), rounding


def _group_nets(
    group: Sequence[_Item],
    indexes: Sequence[int],
    nets: list[Decimal],
    currency: str,
    tax_inclusive: bool,
) -> tuple[Decimal, Decimal]:
    """Set the nets of a group's items; return its taxable base and rounding."""
    signs = [item.sign for item in group]
    amounts = [item.amount for item in group]
    with localcontext(MONEY_CONTEXT):
        typed = _sum(a * s for a, s in zip(amounts, signs, strict=True))
    if not tax_inclusive or typed < 0:
        return _clean(typed, currency), round_money(ZERO, currency)
    split = split_gross(amounts, signs, group[0].key[1], currency)
    for index, net in zip(indexes, split.nets, strict=True):
        nets[index] = _clean(net, currency)
    return _clean(split.taxable, currency), split.rounding


def _exemption(
    key: GroupKey, group: Sequence[_Item]
) -> tuple[str | None, str | None, list[FieldProblem]]:
    """The group's one exemption reason and code; the default if none given."""
    reasons = {(i.reason or "").strip() for i in group} - {""}
    codes = {(i.code or "").strip().upper() for i in group} - {""}
    if len(reasons) > 1 or len(codes) > 1:
        where = f"{key[0].value} {key[1]} %"
        message = f"items of VAT group {where} need one and the same exemption reason"
        return None, None, [FieldProblem("lines", message)]
    code, reason = next(iter(codes), None), next(iter(reasons), None)
    if key[0] in DEFAULT_EXEMPTION and not (code or reason):
        code, reason = DEFAULT_EXEMPTION[key[0]]
    return reason, code, []


def _negative_group(key: GroupKey) -> FieldProblem:
    return FieldProblem(
        "allowances",
        f"allowances exceed the amount of VAT group {key[0].value} {key[1]} %",
    )


def _group_order(key: GroupKey) -> tuple[int, Decimal]:
    return list(VatCategory).index(key[0]), -key[1]


def canonical_rate(rate: Decimal) -> Decimal:
    """One spelling per rate: ``20.0`` becomes ``20``, ``5.50`` becomes ``5.5``."""
    with localcontext(MONEY_CONTEXT):
        if rate == rate.to_integral_value():
            return rate.quantize(Decimal(1))
        return rate.normalize()


def _sum(values: Iterable[Decimal]) -> Decimal:
    with localcontext(MONEY_CONTEXT):
        return sum(values, ZERO)


def _clean(amount: Decimal, currency: str) -> Decimal:
    """The amount at the currency's exponent, without a negative zero."""
    return round_money(amount, currency)
