"""Credit notes against an issued invoice: in full, by lines or by amount.

Amounts of a credit note are positive; its document type says it is a credit.
Together, the credit notes of an invoice never exceed it: not in gross, net or
any VAT group. Partial credits round half away from zero on what has been
credited so far, so the note that exhausts a line, a VAT group or the invoice
takes exactly the remainder and no cent is left over or credited twice.
"""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal, localcontext
from enum import StrEnum
from fractions import Fraction

from facturo_invoicing.domain.errors import DomainError, FieldProblem
from facturo_invoicing.domain.money import MONEY_CONTEXT, check_currency, minor_digits
from facturo_invoicing.domain.numbering import format_number

CREDIT_NOTE_MARK = "AV"  # "avoir": credit notes have their own series
MAX_QUANTITY_DECIMALS = 4

GroupKey = tuple[str, Decimal]


class CreditKind(StrEnum):
    """How the credit note was asked for."""

    FULL = "full"
    LINES = "lines"
    AMOUNT = "amount"


@dataclass(frozen=True)
class CreditableLine:
    """An invoice line, or what is left of it to credit."""

    quantity: Decimal
    unit_price: Decimal
    net: Decimal
    vat_category: str
    vat_rate: Decimal

    @property
    def group(self) -> GroupKey:
        return (self.vat_category, self.vat_rate)


@dataclass(frozen=True)
class VatGroup:
    """The taxable amount and VAT of one VAT category and rate."""

    vat_category: str
    vat_rate: Decimal
    taxable: Decimal
    vat: Decimal

    @property
    def key(self) -> GroupKey:
        return (self.vat_category, self.vat_rate)

    @property
    def gross(self) -> Decimal:
        with localcontext(MONEY_CONTEXT):
            return self.taxable + self.vat

    @property
    def is_zero(self) -> bool:
        return not self.taxable and not self.vat


class _GroupTotals:
    """Document totals, which are the sums of the VAT groups."""

    groups: tuple[VatGroup, ...]

    @property
    def net(self) -> Decimal:
        return _total(g.taxable for g in self.groups)

    @property
    def vat(self) -> Decimal:
        return _total(g.vat for g in self.groups)

    @property
    def gross(self) -> Decimal:
        return _total(g.gross for g in self.groups)


@dataclass(frozen=True)
class CreditableInvoice(_GroupTotals):
    """What credit notes need of an issued invoice.

    Lines are referred to by their index. Each VAT group's taxable amount is
    the sum of its lines' nets.
    TODO: document-level allowances and charges break that sum; until they are
    spread over the lines, a line credit in such a group may be refused.
    """

    currency: str
    lines: tuple[CreditableLine, ...]
    groups: tuple[VatGroup, ...]

    def __post_init__(self) -> None:
        check_currency(self.currency)
        keys = [group.key for group in self.groups]
        if len(set(keys)) != len(keys):
            raise ValueError("two VAT groups have the same category and rate")
        for index, line in enumerate(self.lines):
            if line.group not in keys:
                category, rate = line.group
                raise ValueError(f"line {index} has no VAT group {category} {rate}")


@dataclass(frozen=True)
class Remaining(_GroupTotals):
    """What earlier credit notes have left to credit, line by line and group.

    ``by_lines`` is false once a credit by amount was made: lines no longer
    say what is left, so only amounts may be credited.
    """

    currency: str
    lines: tuple[CreditableLine, ...]
    groups: tuple[VatGroup, ...]
    by_lines: bool

    @property
    def nothing_left(self) -> bool:
        lines_left = self.by_lines and any(line.quantity for line in self.lines)
        return not lines_left and all(group.is_zero for group in self.groups)


@dataclass(frozen=True)
class CreditLine:
    """One line of a credit note.

    ``source`` is the index of the invoice line it credits; a credit by amount
    has one line per VAT group, with no source and a quantity of 1.
    """

    source: int | None
    quantity: Decimal
    unit_price: Decimal
    net: Decimal
    vat_category: str
    vat_rate: Decimal

    @property
    def group(self) -> GroupKey:
        return (self.vat_category, self.vat_rate)


@dataclass(frozen=True)
class CreditNoteAmounts(_GroupTotals):
    """The lines and VAT groups of a credit note, all positive."""

    kind: CreditKind
    currency: str
    lines: tuple[CreditLine, ...]
    groups: tuple[VatGroup, ...]


class InvalidCredit(DomainError):
    """A credit note request breaks one or more rules; all are listed."""

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(f"invalid credit note: {summary}")


class CreditExceedsInvoice(DomainError):
    """The credit note would credit more than the invoice has left."""

    def __init__(
        self, amount: Decimal, left: Decimal, currency: str, where: str = ""
    ) -> None:
        self.amount = amount
        self.left = left
        self.currency = currency
        super().__init__(
            f"credit of {amount} {currency} is more than the {left} {currency} "
            f"left to credit {where or 'on this invoice'}"
        )


class NothingLeftToCredit(DomainError):
    """Earlier credit notes have credited the whole invoice."""

    def __init__(self) -> None:
        super().__init__("the invoice is credited in full already")


class LinesNoLongerCreditable(DomainError):
    """A credit by amount was made; lines no longer say what is left."""

    def __init__(self) -> None:
        super().__init__(
            "the invoice was credited by amount: "
            "credit the rest by amount or in full, not by lines"
        )


def format_credit_note_number(department: str, year: int, sequence: int) -> str:
    """Build a credit note number such as ``SAL-AV-2026-000007``."""
    number = format_number(department, year, sequence)
    return f"{department}-{CREDIT_NOTE_MARK}-{number.removeprefix(department + '-')}"


def remaining(
    invoice: CreditableInvoice, earlier: Sequence[CreditNoteAmounts]
) -> Remaining:
    """What is left to credit on ``invoice`` after the ``earlier`` credit notes."""
    _check_currencies(invoice, earlier)
    quantities, nets = _credited_lines(earlier)
    taxables, vats = _credited_groups(earlier)
    with localcontext(MONEY_CONTEXT):
        lines = tuple(
            replace(ln, quantity=ln.quantity - quantities[i], net=ln.net - nets[i])
            for i, ln in enumerate(invoice.lines)
        )
        groups = tuple(
            replace(g, taxable=g.taxable - taxables[g.key], vat=g.vat - vats[g.key])
            for g in invoice.groups
        )
    by_lines = all(line.source is not None for n in earlier for line in n.lines)
    return Remaining(invoice.currency, lines, groups, by_lines)


def plan_full_credit(
    invoice: CreditableInvoice, earlier: Sequence[CreditNoteAmounts]
) -> CreditNoteAmounts:
    """Credit everything that is left: the remainder of each line and group."""
    left = _something_left(invoice, earlier)
    if not left.by_lines:
        groups = tuple(group for group in left.groups if not group.is_zero)
        lines = tuple(_amount_line(group) for group in groups)
        return CreditNoteAmounts(CreditKind.FULL, left.currency, lines, groups)

    lines = tuple(
        _credit_line(index, line, line.quantity, line.net)
        for index, line in enumerate(left.lines)
        if line.quantity
    )
    keys = {line.group for line in lines}
    groups = tuple(g for g in left.groups if g.key in keys or not g.is_zero)
    return CreditNoteAmounts(CreditKind.FULL, left.currency, lines, groups)


def plan_line_credit(
    invoice: CreditableInvoice,
    earlier: Sequence[CreditNoteAmounts],
    quantities: Mapping[int, Decimal],
) -> CreditNoteAmounts:
    """Credit ``quantities`` of invoice lines, keyed by line index.

    Raises ``InvalidCredit`` when a quantity is not positive or more than what
    is left on its line, and ``LinesNoLongerCreditable`` after a credit by
    amount.
    """
    left = _something_left(invoice, earlier)
    if not left.by_lines:
        raise LinesNoLongerCreditable()
    problems = list(_quantity_problems(left, quantities))
    if problems:
        raise InvalidCredit(problems)

    currency = invoice.currency
    lines = tuple(
        _line_credit(i, invoice.lines[i], left.lines[i], quantity, currency)
        for i, quantity in sorted(quantities.items())
    )
    groups = tuple(
        _group_credit(group, left_group, lines, currency)
        for group, left_group in zip(invoice.groups, left.groups, strict=True)
        if any(line.group == group.key for line in lines)
    )
    note = CreditNoteAmounts(CreditKind.LINES, currency, lines, groups)
    _check_within(left, note)
    return note


def plan_amount_credit(
    invoice: CreditableInvoice, earlier: Sequence[CreditNoteAmounts], gross: Decimal
) -> CreditNoteAmounts:
    """Credit a gross amount, spread over the VAT groups pro rata to their gross.

    Each group's share is what is left of its gross times ``gross`` over what
    is left in all, rounded so that the shares sum exactly to ``gross``; its
    net is rounded half away from zero and its VAT is the rest of the share.
    Raises ``InvalidCredit`` or ``CreditExceedsInvoice``.
    """
    left = _something_left(invoice, earlier)
    problems = list(_gross_problems(gross, invoice.currency))
    if problems:
        raise InvalidCredit(problems)
    if gross > left.gross:
        raise CreditExceedsInvoice(gross, left.gross, invoice.currency)

    if gross == left.gross:
        groups = tuple(group for group in left.groups if not group.is_zero)
    else:
        groups = _spread(gross, left.groups, invoice.currency)
    lines = tuple(_amount_line(group) for group in groups)
    return CreditNoteAmounts(CreditKind.AMOUNT, invoice.currency, lines, groups)


# --- what earlier credit notes credited --------------------------------------


def _check_currencies(
    invoice: CreditableInvoice, earlier: Sequence[CreditNoteAmounts]
) -> None:
    for note in earlier:
        if note.currency != invoice.currency:
            raise ValueError(
                f"credit note in {note.currency} "
                f"against an invoice in {invoice.currency}"
            )


def _credited_lines(
    earlier: Sequence[CreditNoteAmounts],
) -> tuple[defaultdict[int, Decimal], defaultdict[int, Decimal]]:
    quantities: defaultdict[int, Decimal] = defaultdict(Decimal)
    nets: defaultdict[int, Decimal] = defaultdict(Decimal)
    with localcontext(MONEY_CONTEXT):
        for line in (line for note in earlier for line in note.lines):
            if line.source is not None:
                quantities[line.source] += line.quantity
                nets[line.source] += line.net
    return quantities, nets


def _credited_groups(
    earlier: Sequence[CreditNoteAmounts],
) -> tuple[defaultdict[GroupKey, Decimal], defaultdict[GroupKey, Decimal]]:
    taxables: defaultdict[GroupKey, Decimal] = defaultdict(Decimal)
    vats: defaultdict[GroupKey, Decimal] = defaultdict(Decimal)
    with localcontext(MONEY_CONTEXT):
        for group in (group for note in earlier for group in note.groups):
            taxables[group.key] += group.taxable
            vats[group.key] += group.vat
    return taxables, vats


def _something_left(
    invoice: CreditableInvoice, earlier: Sequence[CreditNoteAmounts]
) -> Remaining:
    left = remaining(invoice, earlier)
    if left.nothing_left:
        raise NothingLeftToCredit()
    return left


# --- by lines: round what has been credited so far, take the difference ------


def _line_credit(
    index: int,
    line: CreditableLine,
    left: CreditableLine,
    quantity: Decimal,
    currency: str,
) -> CreditLine:
    if quantity == left.quantity:
        return _credit_line(index, line, quantity, left.net)
    with localcontext(MONEY_CONTEXT):
        credited_after = line.quantity - left.quantity + quantity
        net_before = line.net - left.net
        target = _pro_rata(line.net, credited_after, line.quantity, currency)
        net = _clamp(target - net_before, left.net)
    return _credit_line(index, line, quantity, net)


def _group_credit(
    group: VatGroup, left: VatGroup, lines: Sequence[CreditLine], currency: str
) -> VatGroup:
    taxable = _total(line.net for line in lines if line.group == group.key)
    with localcontext(MONEY_CONTEXT):
        taxable_after = group.taxable - left.taxable + taxable
        vat_before = group.vat - left.vat
        if taxable_after == group.taxable:
            vat_after = group.vat
        else:
            vat_after = _pro_rata(group.vat, taxable_after, group.taxable, currency)
        vat = _clamp(vat_after - vat_before, left.vat)
    return replace(group, taxable=taxable, vat=vat)


def _credit_line(
    index: int, line: CreditableLine, quantity: Decimal, net: Decimal
) -> CreditLine:
    category, rate = line.group
    return CreditLine(index, quantity, line.unit_price, net, category, rate)


def _check_within(left: Remaining, note: CreditNoteAmounts) -> None:
    left_groups = {group.key: group for group in left.groups}
    for group in note.groups:
        room = left_groups[group.key]
        if group.taxable > room.taxable or group.vat > room.vat:
            where = f"in VAT group {group.vat_category} {group.vat_rate}"
            raise CreditExceedsInvoice(group.gross, room.gross, note.currency, where)


# --- by amount: split the gross over the groups, then each into net and VAT ---


def _spread(
    gross: Decimal, groups: Sequence[VatGroup], currency: str
) -> tuple[VatGroup, ...]:
    weights = [_to_units(group.gross, currency) for group in groups]
    shares = _largest_remainder(_to_units(gross, currency), weights)
    return tuple(
        _split(group, _from_units(share, currency), currency)
        for group, share in zip(groups, shares, strict=True)
        if share
    )


def _largest_remainder(total: int, weights: Sequence[int]) -> list[int]:
    """Split ``total`` pro rata to ``weights``; ties go to the larger weight."""
    whole = sum(weights)
    shares = [total * weight // whole for weight in weights]
    rests = [total * weight % whole for weight in weights]
    spare = total - sum(shares)
    by_rest = sorted(range(len(weights)), key=lambda i: (-rests[i], -weights[i], i))
    for index in by_rest[:spare]:
        shares[index] += 1
    return shares


def _split(left: VatGroup, gross: Decimal, currency: str) -> VatGroup:
    taxable = _pro_rata(left.taxable, gross, left.gross, currency)
    with localcontext(MONEY_CONTEXT):
        return replace(left, taxable=taxable, vat=gross - taxable)


def _amount_line(group: VatGroup) -> CreditLine:
    return CreditLine(
        None,
        Decimal(1),
        group.taxable,
        group.taxable,
        group.vat_category,
        group.vat_rate,
    )


# --- exact arithmetic ----------------------------------------------------------


def _pro_rata(amount: Decimal, part: Decimal, whole: Decimal, currency: str) -> Decimal:
    """``amount * part / whole`` rounded half away from zero to the minor unit.

    Computed on fractions, so no intermediate rounding can tip a half.
    """
    places = minor_digits(currency)
    exact = Fraction(amount) * Fraction(part) / Fraction(whole) * 10**places
    sign = -1 if exact < 0 else 1
    units = sign * math.floor(abs(exact) + Fraction(1, 2))
    return Decimal(units).scaleb(-places, MONEY_CONTEXT)


def _places(amount: Decimal) -> int:
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return max(0, -exponent)


def _to_units(amount: Decimal, currency: str) -> int:
    return int(amount.scaleb(minor_digits(currency), MONEY_CONTEXT))


def _from_units(units: int, currency: str) -> Decimal:
    return Decimal(units).scaleb(-minor_digits(currency), MONEY_CONTEXT)


def _clamp(amount: Decimal, upper: Decimal) -> Decimal:
    """``amount`` kept within 0 and ``upper`` (both on the same minor unit)."""
    return min(max(amount, upper * 0), upper)


def _total(amounts: Iterable[Decimal]) -> Decimal:
    with localcontext(MONEY_CONTEXT):
        return sum(amounts, Decimal(0))


# --- input problems ------------------------------------------------------------


def _quantity_problems(
    left: Remaining, quantities: Mapping[int, Decimal]
) -> Iterator[FieldProblem]:
    if not quantities:
        yield FieldProblem("lines", "at least one line is required")
    for index, quantity in sorted(quantities.items()):
        if not 0 <= index < len(left.lines):
            yield FieldProblem(f"lines/{index}", "no such line on the invoice")
        else:
            at = f"lines/{index}/quantity"
            yield from _one_quantity_problems(at, quantity, left.lines[index].quantity)


def _one_quantity_problems(
    at: str, quantity: Decimal, left: Decimal
) -> Iterator[FieldProblem]:
    if not isinstance(quantity, Decimal) or not quantity.is_finite():
        yield FieldProblem(at, "must be a finite decimal number")
        return
    if quantity <= 0:
        yield FieldProblem(at, "must be greater than 0")
    elif quantity > left:
        most = f"{left.normalize(MONEY_CONTEXT):f}"
        yield FieldProblem(at, f"must be at most {most}, what is left on this line")
    if _places(quantity.normalize(MONEY_CONTEXT)) > MAX_QUANTITY_DECIMALS:
        yield FieldProblem(
            at, f"must have at most {MAX_QUANTITY_DECIMALS} decimal places"
        )


def _gross_problems(gross: Decimal, currency: str) -> Iterator[FieldProblem]:
    if not isinstance(gross, Decimal) or not gross.is_finite():
        yield FieldProblem("gross", "must be a finite decimal number")
        return
    if gross <= 0:
        yield FieldProblem("gross", "must be greater than 0")
    digits = minor_digits(currency)
    if _places(gross.normalize(MONEY_CONTEXT)) > digits:
        yield FieldProblem(
            "gross", f"must have at most {digits} decimal places in {currency}"
        )


def check_still_fits(
    invoice: CreditableInvoice,
    earlier: Sequence[CreditNoteAmounts],
    note: CreditNoteAmounts,
) -> None:
    """Refuse ``note`` if the ``earlier`` credit notes leave no room for it.

    A note planned before others were issued may no longer fit: issuing checks
    it again. Raises ``NothingLeftToCredit``, ``LinesNoLongerCreditable`` or
    ``CreditExceedsInvoice``.
    """
    left = _something_left(invoice, earlier)
    sourced = [line for line in note.lines if line.source is not None]
    if sourced and not left.by_lines:
        raise LinesNoLongerCreditable()
    for line in sourced:
        assert line.source is not None
        room = left.lines[line.source]
        if line.quantity > room.quantity or line.net > room.net:
            where = f"on line {line.source}"
            raise CreditExceedsInvoice(line.net, room.net, note.currency, where)
    _check_within(left, note)
