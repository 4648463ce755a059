"""Invoices in a currency other than the seller's accounting currency.

EN 16931 then states the VAT total in the accounting currency too (BT-111,
with its code in BT-6), converted at a rate recorded on the invoice.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from facturo_invoicing.domain.checks import decimal_places
from facturo_invoicing.domain.errors import FieldProblem, InvalidInvoice
from facturo_invoicing.domain.money import MONEY_CONTEXT, round_money

MAX_RATE_DECIMALS = 10
MAX_RATE = Decimal(10) ** 9


@dataclass(frozen=True)
class ExchangeRate:
    """Units of the accounting currency for one unit of the invoice currency."""

    rate: Decimal
    on: date


def check_exchange_rate(
    currency: str, accounting_currency: str, exchange: ExchangeRate | None
) -> None:
    problems = list(exchange_problems(currency, accounting_currency, exchange))
    if problems:
        raise InvalidInvoice(problems)


def exchange_problems(
    currency: str, accounting_currency: str, exchange: ExchangeRate | None
) -> Iterator[FieldProblem]:
    if currency == accounting_currency:
        if exchange is not None:
            yield FieldProblem(
                "exchange_rate",
                f"only an invoice not in {accounting_currency} has an exchange rate",
            )
        return
    if exchange is None:
        yield FieldProblem(
            "exchange_rate",
            f"an invoice in {currency} needs its rate to {accounting_currency}",
        )
        return
    yield from _rate_problems(exchange.rate)


def _rate_problems(rate: Decimal) -> Iterator[FieldProblem]:
    at = "exchange_rate/rate"
    if not isinstance(rate, Decimal) or not rate.is_finite():
        yield FieldProblem(at, "must be a finite decimal number")
    elif not 0 < rate < MAX_RATE:
        yield FieldProblem(at, f"must be above 0 and below {MAX_RATE:f}")
    elif decimal_places(rate) > MAX_RATE_DECIMALS:
        yield FieldProblem(at, f"must have at most {MAX_RATE_DECIMALS} decimal places")


def vat_in_accounting_currency(
    vat: Decimal, accounting_currency: str, exchange: ExchangeRate | None
) -> Decimal | None:
    """BT-111: the VAT total converted and rounded half away from zero."""
    if exchange is None:
        return None
    with localcontext(MONEY_CONTEXT):
        converted = vat * exchange.rate
    return round_money(converted, accounting_currency)
