"""Invoices in a foreign currency state their VAT in the accounting currency."""

from datetime import date
from decimal import Decimal as D

import pytest

from facturo_invoicing.domain.currency import (
    ExchangeRate,
    check_exchange_rate,
    vat_in_accounting_currency,
)
from facturo_invoicing.domain.errors import InvalidInvoice
from facturo_invoicing.domain.totals import LineInput, compute_totals

ON = date(2026, 12, 3)


def test_vat_of_a_dollar_invoice_is_stated_in_euros() -> None:
    totals = compute_totals([LineInput("Audit", D(1), D("1234.56"), D(20))], "USD")

    vat_eur = vat_in_accounting_currency(
        totals.vat, "EUR", ExchangeRate(D("0.9215"), ON)
    )

    assert str(totals.vat) == "246.91"
    assert str(vat_eur) == "227.53"  # 227.527565


def test_conversion_rounds_half_away_from_zero_to_the_target_minor_unit() -> None:
    assert (
        str(vat_in_accounting_currency(D("100"), "JPY", ExchangeRate(D("1.625"), ON)))
        == "163"
    )
    assert (
        str(vat_in_accounting_currency(D("0.01"), "EUR", ExchangeRate(D("0.5"), ON)))
        == "0.01"
    )
    assert (
        str(vat_in_accounting_currency(D("1"), "KWD", ExchangeRate(D("0.00035"), ON)))
        == "0.000"
    )


def test_invoice_in_the_accounting_currency_has_no_conversion() -> None:
    check_exchange_rate("EUR", "EUR", None)

    assert vat_in_accounting_currency(D("20.00"), "EUR", None) is None


@pytest.mark.parametrize(
    ("currency", "exchange", "message"),
    [
        ("USD", None, "an invoice in USD needs its rate to EUR"),
        (
            "EUR",
            ExchangeRate(D(1), ON),
            "only an invoice not in EUR has an exchange rate",
        ),
        ("USD", ExchangeRate(D(0), ON), "must be above 0 and below 1000000000"),
        ("USD", ExchangeRate(D("-1.2"), ON), "must be above 0 and below 1000000000"),
        ("USD", ExchangeRate(D("NaN"), ON), "must be a finite decimal number"),
        (
            "USD",
            ExchangeRate(D("0.12345678901"), ON),
            "must have at most 10 decimal places",
        ),
    ],
)
def test_bad_exchange_rates_are_refused(
    currency: str, exchange: ExchangeRate | None, message: str
) -> None:
    with pytest.raises(InvalidInvoice) as caught:
        check_exchange_rate(currency, "EUR", exchange)

    assert [p.message for p in caught.value.problems] == [message]
