"""Currency minor units and rounding of amounts to them."""

from decimal import ROUND_HALF_UP, Context, Decimal, localcontext
from functools import cache

from babel.numbers import get_currency_precision, list_currencies

from facturo_invoicing.domain.errors import UnknownCurrency

# Wide enough that products of validated quantities and prices stay exact.
MONEY_CONTEXT = Context(prec=50, rounding=ROUND_HALF_UP)


@cache
def _known_currencies() -> frozenset[str]:
    return frozenset(list_currencies())


def check_currency(code: str) -> str:
    """Return ``code`` if it is a known ISO 4217 code, else raise."""
    if code not in _known_currencies():
        raise UnknownCurrency(code)
    return code


def minor_digits(currency: str) -> int:
    """Number of decimal places of the currency's minor unit (EUR 2, JPY 0)."""
    return int(get_currency_precision(check_currency(currency)))


def minor_unit(currency: str) -> Decimal:
    """The smallest amount of the currency, e.g. ``Decimal("0.01")``."""
    return Decimal(1).scaleb(-minor_digits(currency))


def round_money(amount: Decimal, currency: str) -> Decimal:
    """Round half away from zero to the minor unit; never ``-0``."""
    with localcontext(MONEY_CONTEXT):
        rounded = amount.quantize(minor_unit(currency), rounding=ROUND_HALF_UP)
    return rounded.copy_abs() if rounded.is_zero() else rounded
