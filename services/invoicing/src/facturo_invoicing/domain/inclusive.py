"""Tax-inclusive entry: from the gross a user typed to nets that give it back.

Method, for one VAT group (category and rate ``r``) whose typed amounts sum to
the gross ``G``:

1. The taxable base ``T`` is the amount of minor units closest to
   ``G / (1 + r)`` for which ``T + round(T * r) == G``: the VAT is still
   computed once on the group's base, and the group's gross is exactly ``G``.
2. Such a ``T`` does not always exist: ``T + round(T * r)`` climbs by one
   minor unit, or by two where the rounded VAT steps up (at 20 %, 0.03 EUR or
   10.05 EUR cannot be a gross). Then ``T`` is the largest base below ``G``
   and the missing minor unit becomes the invoice rounding amount (BT-114),
   so that the amount to pay is still exactly what was typed.
3. Each item's net is its typed amount divided by ``1 + r`` and rounded; the
   difference between their sum and ``T`` (a few minor units at most) is
   absorbed by the largest lines or charges of the group, so that line nets
   still add up to the taxable base.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, localcontext

from facturo_invoicing.domain.money import MONEY_CONTEXT, minor_unit, round_money

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class GroupSplit:
    """The nets of a group's items (same order), its base and BT-114 share."""

    nets: tuple[Decimal, ...]
    taxable: Decimal
    rounding: Decimal


def split_gross(
    amounts: Sequence[Decimal], signs: Sequence[int], rate: Decimal, currency: str
) -> GroupSplit:
    """Split typed gross ``amounts`` (``signs``: +1 line/charge, -1 allowance)."""
    with localcontext(MONEY_CONTEXT):
        gross = sum((a * s for a, s in zip(amounts, signs, strict=True)), Decimal(0))
    taxable, rounding = taxable_for_gross(gross, rate, currency)
    nets = [net_of(amount, rate, currency) for amount in amounts]
    _absorb(nets, signs, taxable)
    return GroupSplit(tuple(nets), taxable, rounding)


def taxable_for_gross(
    gross: Decimal, rate: Decimal, currency: str
) -> tuple[Decimal, Decimal]:
    """The base whose gross is ``gross``, and the rounding left over (or 0)."""
    unit = minor_unit(currency)
    guess = net_of(gross, rate, currency)
    candidates = [guess + unit * step for step in (-2, -1, 0, 1, 2)]
    candidates = [t for t in candidates if t >= 0]
    for taxable in sorted(candidates, key=lambda t: abs(t - guess)):
        if taxable + vat_on(taxable, rate, currency) == gross:
            return taxable, round_money(Decimal(0), currency)
    below = max(t for t in candidates if t + vat_on(t, rate, currency) < gross)
    return below, gross - below - vat_on(below, rate, currency)


def net_of(gross: Decimal, rate: Decimal, currency: str) -> Decimal:
    with localcontext(MONEY_CONTEXT):
        exact = gross * HUNDRED / (HUNDRED + rate)
    return round_money(exact, currency)


def vat_on(taxable: Decimal, rate: Decimal, currency: str) -> Decimal:
    """VAT of a taxable base, rounded half away from zero (EN 16931 BT-117)."""
    with localcontext(MONEY_CONTEXT):
        exact = taxable * rate / HUNDRED
    return round_money(exact, currency)


def _absorb(nets: list[Decimal], signs: Sequence[int], taxable: Decimal) -> None:
    """Move the nets of lines and charges, largest first, until they sum to T."""
    with localcontext(MONEY_CONTEXT):
        left = taxable - sum((n * s for n, s in zip(nets, signs, strict=True)), 0)
        positives = sorted(
            (i for i, s in enumerate(signs) if s > 0), key=lambda i: -nets[i]
        )
        for index in positives:
            if left == 0:
                return
            change = max(left, -nets[index])
            nets[index] += change
            left -= change
    assert left == 0, "the nets of a group cannot reach its taxable base"
