"""Amounts and dates as a French and an English reader expect them."""

from datetime import date
from decimal import Decimal

NARROW_NBSP = "\u202f"


def amount_fr(amount: Decimal, currency: str) -> str:
    """`1 210,54 EUR`: the digits as given, grouped by narrow spaces."""
    grouped = format(amount, ",f")
    return f"{grouped.replace(',', NARROW_NBSP).replace('.', ',')} {currency}"


def amount_en(amount: Decimal, currency: str) -> str:
    """`EUR 1,210.54`."""
    return f"{currency} {format(amount, ',f')}"


def date_fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def date_en(day: date) -> str:
    return day.isoformat()
