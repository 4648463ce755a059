"""EN 16931 totals: exact values for hard cases, then invariant properties."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facturo_invoicing.domain.errors import InvalidInvoice, UnknownCurrency
from facturo_invoicing.domain.money import minor_digits, round_money
from facturo_invoicing.domain.totals import (
    LineInput,
    Totals,
    VatBreakdownEntry,
    compute_totals,
)
from facturo_invoicing.domain.vat import VatCategory

Z = VatCategory.ZERO


def line(qty: str, price: str, rate: str, text: str = "Prestation") -> LineInput:
    return LineInput(text, D(qty), D(price), D(rate))


def amounts(totals: Totals) -> list[D]:
    entries = [(e.taxable, e.vat) for e in totals.breakdown]
    nets = [a.net for a in totals.lines]
    return [totals.net, totals.vat, totals.gross, *nets, *sum(entries, ())]


# --- rounding to the minor unit -------------------------------------------


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("0.125", "EUR", "0.13"),  # banker's rounding would give 0.12
        ("2.675", "EUR", "2.68"),  # float arithmetic would give 2.67
        ("-0.125", "EUR", "-0.13"),  # half away from zero, not up
        ("0.005", "EUR", "0.01"),
        ("2.5", "JPY", "3"),
        ("1.2345", "KWD", "1.235"),
        ("0.0005", "BHD", "0.001"),
        ("7", "EUR", "7.00"),
    ],
)
def test_round_money_half_away_from_zero(
    amount: str, currency: str, expected: str
) -> None:
    assert str(round_money(D(amount), currency)) == expected


@pytest.mark.parametrize("amount", ["-0.004", "-0", "-0.00"])
def test_round_money_never_returns_negative_zero(amount: str) -> None:
    rounded = round_money(D(amount), "EUR")

    assert str(rounded) == "0.00"
    assert not rounded.is_signed()


@pytest.mark.parametrize(("currency", "digits"), [("EUR", 2), ("JPY", 0), ("KWD", 3)])
def test_minor_digits_come_from_iso_4217(currency: str, digits: int) -> None:
    assert minor_digits(currency) == digits


@pytest.mark.parametrize("code", ["ABC", "eur", "", "EURO"])
def test_unknown_currency_is_refused(code: str) -> None:
    with pytest.raises(UnknownCurrency) as caught:
        compute_totals([line("1", "1", "20")], code)

    assert caught.value.code == code


# --- exact totals ------------------------------------------------------------


def test_vat_is_rounded_once_per_rate_not_per_line() -> None:
    totals = compute_totals([line("1", "0.333", "20")] * 3, "EUR")

    assert [a.net for a in totals.lines] == [D("0.33")] * 3
    # Per line: 0.066 -> 0.07, three times 0.21. Per rate: 0.198 -> 0.20.
    assert (totals.net, totals.vat, totals.gross) == (D("0.99"), D("0.20"), D("1.19"))


def test_per_line_vat_rounding_would_overcharge() -> None:
    totals = compute_totals([line("1", "0.05", "10")] * 3, "EUR")

    # Per line: 0.005 -> 0.01, three times 0.03. Per rate: 0.015 -> 0.02.
    assert totals.vat == D("0.02")
    assert totals.gross == D("0.17")


def test_mixed_rates_give_one_breakdown_entry_per_rate() -> None:
    lines = [
        line("3", "150.00", "20", "Conseil"),
        line("2", "89.90", "10", "Formation"),
        line("7", "12.35", "5.5", "Livres"),
        line("1", "42.17", "0", "Débours"),
        line("1.5", "33.3333", "20.0", "Support"),  # 49.99995 -> 50.00
    ]

    totals = compute_totals(lines, "EUR")

    assert [a.net for a in totals.lines] == [
        D("450.00"),
        D("179.80"),
        D("86.45"),
        D("42.17"),
        D("50.00"),
    ]
    assert totals.breakdown == (
        VatBreakdownEntry(D("20"), D("500.00"), D("100.00")),
        VatBreakdownEntry(D("10"), D("179.80"), D("17.98")),
        VatBreakdownEntry(D("5.5"), D("86.45"), D("4.75")),  # 4.75475
        VatBreakdownEntry(D("0"), D("42.17"), D("0.00"), Z),
    )
    assert (totals.net, totals.vat, totals.gross) == (
        D("808.42"),
        D("122.73"),
        D("931.15"),
    )


def test_equal_rates_written_differently_share_one_entry() -> None:
    lines = [line("1", "10", "20"), line("1", "10", "20.00"), line("1", "1", "5.50")]

    totals = compute_totals(lines, "EUR")

    assert [str(e.rate) for e in totals.breakdown] == ["20", "5.5"]
    assert totals.breakdown[0].taxable == D("20.00")


def test_zero_priced_line_counts_for_nothing() -> None:
    totals = compute_totals([line("2", "0", "20"), line("1", "10", "20")], "EUR")

    assert totals.lines[0].net == D("0.00")
    assert (totals.net, totals.vat, totals.gross) == (D("10.00"), D("2.00"), D("12.00"))


def test_free_invoice_has_zero_totals_without_sign() -> None:
    totals = compute_totals([line("1", "0.0000", "20")], "EUR")

    assert [str(a) for a in amounts(totals)] == ["0.00"] * 6
    assert not any(a.is_signed() for a in amounts(totals))


def test_yen_has_no_minor_unit() -> None:
    lines = [line("3", "333.3333", "10"), line("1", "105", "8"), line("1", "2.5", "0")]

    totals = compute_totals(lines, "JPY")

    assert [str(a.net) for a in totals.lines] == ["1000", "105", "3"]
    assert totals.breakdown == (
        VatBreakdownEntry(D("10"), D("1000"), D("100")),
        VatBreakdownEntry(D("8"), D("105"), D("8")),  # 8.4
        VatBreakdownEntry(D("0"), D("3"), D("0"), Z),
    )
    assert (str(totals.net), str(totals.vat), str(totals.gross)) == (
        "1108",
        "108",
        "1216",
    )


def test_kuwaiti_dinar_has_three_decimals() -> None:
    totals = compute_totals([line("1", "1.2345", "5")], "KWD")

    # 1.2345 -> 1.235 (half up); VAT 0.06175 -> 0.062.
    assert (str(totals.net), str(totals.vat), str(totals.gross)) == (
        "1.235",
        "0.062",
        "1.297",
    )


def test_bahraini_dinar_has_three_decimals() -> None:
    totals = compute_totals([line("2", "0.3335", "10")], "BHD")

    # 0.667 exactly; VAT 0.0667 -> 0.067.
    assert (str(totals.net), str(totals.vat), str(totals.gross)) == (
        "0.667",
        "0.067",
        "0.734",
    )


def test_half_cent_line_rounds_away_from_zero() -> None:
    totals = compute_totals([line("1", "0.005", "0"), line("3", "0.0050", "0")], "EUR")

    assert [a.net for a in totals.lines] == [D("0.01"), D("0.02")]  # 0.015
    assert totals.net == D("0.03")


# --- validation --------------------------------------------------------------


def problems(lines: list[LineInput]) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInvoice) as caught:
        compute_totals(lines, "EUR")
    return [(p.location, p.message) for p in caught.value.problems]


def test_every_problem_is_listed_at_once() -> None:
    lines = [
        line("1", "10", "20"),
        line("0", "-1", "120", text="  "),
        LineInput("x" * 501, D("1.00001"), D("2.12345"), D("-0.5")),
    ]

    assert problems(lines) == [
        ("lines/1/description", "must not be empty"),
        ("lines/1/quantity", "must be greater than 0"),
        ("lines/1/unit_price", "must not be negative"),
        ("lines/1/vat_rate", "must be between 0 and 100"),
        ("lines/2/description", "must be at most 500 characters"),
        ("lines/2/quantity", "must have at most 4 decimal places"),
        ("lines/2/unit_price", "must have at most 4 decimal places"),
        ("lines/2/vat_rate", "must be between 0 and 100"),
    ]


def test_an_invoice_needs_a_line() -> None:
    assert problems([]) == [("lines", "at least one line is required")]


def test_negative_quantity_with_too_many_decimals_gets_both_problems() -> None:
    assert problems([line("-1.23456", "1", "20")]) == [
        ("lines/0/quantity", "must be greater than 0"),
        ("lines/0/quantity", "must have at most 4 decimal places"),
    ]


def test_non_decimal_numbers_are_refused() -> None:
    bad = LineInput("Float", 1.5, D("NaN"), D("Infinity"))  # type: ignore[arg-type]

    assert problems([bad]) == [
        ("lines/0/quantity", "must be a finite decimal number"),
        ("lines/0/unit_price", "must be a finite decimal number"),
        ("lines/0/vat_rate", "must be a finite decimal number"),
    ]


def test_boundaries_are_accepted() -> None:
    edge = LineInput("é" * 500, D("0.0001"), D("0"), D("100"))

    totals = compute_totals([edge, line("1.50000", "2.10", "0")], "EUR")

    assert totals.net == D("3.15")


def test_huge_amounts_are_refused() -> None:
    assert problems([line("1000000000000000", "1", "20")]) == [
        ("lines/0/quantity", "must be less than 1000000000000000"),
    ]


def test_invalid_invoice_message_names_each_problem() -> None:
    with pytest.raises(InvalidInvoice, match="lines/0/quantity: must be"):
        compute_totals([line("0", "1", "20")], "EUR")


# --- invariants --------------------------------------------------------------

CURRENCIES = st.sampled_from(["EUR", "USD", "JPY", "KWD", "BHD", "CLF", "XOF"])
RATES = st.one_of(
    st.sampled_from([D(r) for r in ("0", "2.1", "5.5", "8.5", "10", "20", "100")]),
    st.decimals(min_value=0, max_value=100, places=2),
)
LINES = st.builds(
    LineInput,
    description=st.just("Article"),
    quantity=st.decimals(min_value=D("0.0001"), max_value=10**6, places=4),
    unit_price=st.decimals(min_value=0, max_value=10**7, places=4),
    vat_rate=RATES,
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=25), currency=CURRENCIES)
def test_totals_invariants_hold(lines: list[LineInput], currency: str) -> None:
    totals = compute_totals(lines, currency)
    digits = minor_digits(currency)

    assert sum((a.net for a in totals.lines), D(0)) == totals.net
    assert sum((e.taxable for e in totals.breakdown), D(0)) == totals.net
    assert sum((e.vat for e in totals.breakdown), D(0)) == totals.vat
    assert totals.net + totals.vat == totals.gross
    for amount in amounts(totals):
        assert amount.as_tuple().exponent == -digits
        assert amount >= 0
        assert not (amount.is_zero() and amount.is_signed())


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(LINES, min_size=1, max_size=25), currency=CURRENCIES)
def test_each_rate_is_taxed_once_on_its_base(
    lines: list[LineInput], currency: str
) -> None:
    totals = compute_totals(lines, currency)

    for entry in totals.breakdown:
        assert entry.vat == round_money(entry.taxable * entry.rate / 100, currency)
    groups = {(e.category, e.rate) for e in totals.breakdown}
    assert len(groups) == len(totals.breakdown)
