"""EN 16931 totals with categories, discounts, allowances, charges, prepaid
and tax-inclusive entry: pinned hard cases, then invariants on generated
invoices."""

from decimal import ROUND_DOWN
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from facturo_invoicing.domain.errors import InvalidInvoice
from facturo_invoicing.domain.money import minor_digits, minor_unit, round_money
from facturo_invoicing.domain.totals import (
    AllowanceCharge,
    Discount,
    LineInput,
    Totals,
    VatBreakdownEntry,
    compute_totals,
)
from facturo_invoicing.domain.vat import VatCategory

S, Z, E = VatCategory.STANDARD, VatCategory.ZERO, VatCategory.EXEMPT
AE, K, G, OUT = (
    VatCategory.REVERSE_CHARGE,
    VatCategory.INTRA_EU,
    VatCategory.EXPORT,
    VatCategory.OUTSIDE_SCOPE,
)


def line(
    qty: str,
    price: str,
    rate: str = "20",
    *,
    percent: str | None = None,
    amount: str | None = None,
    category: VatCategory | None = None,
    reason: str | None = None,
) -> LineInput:
    discount = None
    if percent is not None or amount is not None:
        discount = Discount(
            D(percent) if percent else None, D(amount) if amount else None
        )
    return LineInput(
        "Prestation",
        D(qty),
        D(price),
        D(rate),
        vat_category=category,
        discount=discount,
        exemption_reason=reason,
    )


def adjustment(
    amount: str, rate: str = "20", reason: str = "Remise"
) -> AllowanceCharge:
    return AllowanceCharge(D(amount), reason, D(rate))


def problems(*args: object, **kwargs: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidInvoice) as caught:
        compute_totals(*args, **kwargs)  # type: ignore[arg-type]
    return [(p.location, p.message) for p in caught.value.problems]


def triple(totals: Totals) -> tuple[str, str, str]:
    return str(totals.net), str(totals.vat), str(totals.gross)


# --- discounts ----------------------------------------------------------------


@pytest.mark.parametrize(
    "discounted",
    [
        line("1", "19.99", percent="100"),
        line("3", "0.335", percent="100"),  # 1.005 -> 1.01, all of it
        line("3", "0.335", amount="1.01"),
        line("7", "0.0049", percent="100"),  # 0.0343 -> 0.03
    ],
)
def test_full_discount_gives_exactly_zero(discounted: LineInput) -> None:
    totals = compute_totals([discounted], "EUR")

    amounts = [totals.lines[0].net, totals.net, totals.vat, totals.gross]
    assert [str(a) for a in amounts] == ["0.00"] * 4
    assert not any(a.is_signed() for a in amounts)
    assert str(totals.amount_due) == "0.00"


def test_full_discount_next_to_a_paid_line() -> None:
    totals = compute_totals(
        [line("1", "0.01", percent="100"), line("1", "0.01")], "EUR"
    )

    assert [str(a.net) for a in totals.lines] == ["0.00", "0.01"]
    assert triple(totals) == ("0.01", "0.00", "0.01")


def test_large_percent_discount_is_rounded_once() -> None:
    totals = compute_totals([line("1", "1000000", percent="99.99")], "EUR")

    assert str(totals.lines[0].discount) == "999900.00"
    assert triple(totals) == ("100.00", "20.00", "120.00")


def test_percent_discount_rounds_half_away_from_zero() -> None:
    # 3 x 33.33 = 99.99; 15 % of it is 14.9985 -> 15.00.
    totals = compute_totals([line("3", "33.33", percent="15")], "EUR")

    assert str(totals.lines[0].discount) == "15.00"
    assert triple(totals) == ("84.99", "17.00", "101.99")  # VAT 16.998


def test_amount_discount_is_rounded_to_the_minor_unit() -> None:
    totals = compute_totals([line("2", "10", amount="0.005")], "EUR")

    assert str(totals.lines[0].net) == "19.99"


def test_discount_larger_than_the_line_is_refused() -> None:
    assert problems([line("1", "10"), line("1", "10", amount="10.01")], "EUR") == [
        ("lines/1/discount", "must not exceed the line amount")
    ]


def test_discount_needs_exactly_one_of_percent_and_amount() -> None:
    both = LineInput("x", D(1), D(1), D(20), discount=Discount(D(1), D(1)))
    none = LineInput("x", D(1), D(1), D(20), discount=Discount())
    over = line("1", "1", percent="100.5")

    assert problems([both, none, over], "EUR") == [
        ("lines/0/discount", "give either a percent or an amount"),
        ("lines/1/discount", "give either a percent or an amount"),
        ("lines/2/discount/percent", "must be between 0 and 100"),
    ]


# --- VAT once per group --------------------------------------------------------


def test_same_rate_lines_would_drift_a_cent_if_taxed_per_line() -> None:
    # Per line: 0.10 x 5.5 % = 0.0055 -> 0.01, seven times 0.07.
    # Per group: 0.70 x 5.5 % = 0.0385 -> 0.04.
    totals = compute_totals([line("1", "0.10", "5.5")] * 7, "EUR")

    assert triple(totals) == ("0.70", "0.04", "0.74")


def test_discounted_lines_at_one_rate_are_taxed_on_their_sum() -> None:
    lines = [line("1", "0.35", percent="10")] * 3  # 0.35 - 0.035->0.04 = 0.31

    totals = compute_totals(lines, "EUR")

    assert [str(a.net) for a in totals.lines] == ["0.31"] * 3
    assert triple(totals) == ("0.93", "0.19", "1.12")  # 0.186 -> 0.19


def test_mixed_categories_have_one_entry_each_with_their_reasons() -> None:
    lines = [
        line("1", "100", "20"),
        line("1", "100", "5.5"),
        line("1", "40", "0", category=E, reason="Art. 261-4-4° du CGI"),
        line("1", "30", "0", category=AE),
        line("1", "20", "0", category=K),
        line("1", "10", "0"),
        line("2", "5", "20"),
    ]

    totals = compute_totals(lines, "EUR")

    assert totals.breakdown == (
        VatBreakdownEntry(D(20), D("110.00"), D("22.00"), S),
        VatBreakdownEntry(D("5.5"), D("100.00"), D("5.50"), S),
        VatBreakdownEntry(D(0), D("10.00"), D("0.00"), Z),
        VatBreakdownEntry(D(0), D("40.00"), D("0.00"), E, "Art. 261-4-4° du CGI"),
        VatBreakdownEntry(
            D(0), D("30.00"), D("0.00"), AE, "Autoliquidation", "VATEX-EU-AE"
        ),
        VatBreakdownEntry(
            D(0),
            D("20.00"),
            D("0.00"),
            K,
            "Exonération de TVA, article 262 ter I du CGI",
            "VATEX-EU-IC",
        ),
    )
    assert triple(totals) == ("310.00", "27.50", "337.50")


def test_category_rules_are_checked_with_every_problem() -> None:
    lines = [
        line("1", "1", "0", category=S),
        line("1", "1", "20", category=Z),
        line("1", "1", "0", category=E),
        line("1", "1", "0", category=Z, reason="pourquoi pas"),
        line("1", "1", "5.5", category=G),
    ]

    assert problems(lines, "EUR") == [
        ("lines/0/vat_rate", "standard rated (S) needs a rate above 0"),
        ("lines/1/vat_rate", "category Z has rate 0"),
        (
            "lines/2/exemption_reason",
            "exempt (E) needs an exemption reason or VATEX code",
        ),
        ("lines/3/exemption_reason", "category Z takes no exemption reason"),
        ("lines/4/vat_rate", "category G has rate 0"),
    ]


def test_one_exempt_group_has_one_reason() -> None:
    lines = [
        line("1", "1", "0", category=E, reason="Art. 261 C"),
        line("1", "1", "0", category=E, reason="Art. 293 B"),
    ]

    assert problems(lines, "EUR") == [
        ("lines", "items of VAT group E 0 % need one and the same exemption reason")
    ]


def test_not_subject_to_vat_is_never_mixed() -> None:
    lines = [line("1", "1", "0", category=OUT), line("1", "1", "20")]

    assert problems(lines, "EUR") == [
        ("lines", "category O (not subject to VAT) cannot be mixed with others")
    ]


# --- document-level allowances and charges ------------------------------------


def test_allowances_and_charges_enter_their_group_base() -> None:
    totals = compute_totals(
        [line("1", "100", "20"), line("1", "50", "5.5")],
        "EUR",
        allowances=[adjustment("10", "20", "Remise fidélité")],
        charges=[adjustment("5", "20", "Port"), adjustment("0.005", "5.5", "Frais")],
        prepaid=D("50"),
    )

    assert [(str(e.rate), str(e.taxable), str(e.vat)) for e in totals.breakdown] == [
        ("20", "95.00", "19.00"),
        ("5.5", "50.01", "2.75"),  # 2.75055
    ]
    assert str(totals.line_total) == "150.00"
    assert str(totals.allowance_total) == "10.00"
    assert str(totals.charge_total) == "5.01"
    assert triple(totals) == ("145.01", "21.75", "166.76")
    assert str(totals.amount_due) == "116.76"


def test_allowance_of_the_whole_group_gives_a_zero_base_without_sign() -> None:
    totals = compute_totals(
        [line("1", "12.34")], "EUR", allowances=[adjustment("12.34")]
    )

    assert triple(totals) == ("0.00", "0.00", "0.00")
    assert not totals.breakdown[0].taxable.is_signed()


def test_allowance_larger_than_its_group_is_refused() -> None:
    assert problems(
        [line("1", "10", "20"), line("1", "100", "5.5")],
        "EUR",
        allowances=[adjustment("10.01", "20")],
    ) == [("allowances", "allowances exceed the amount of VAT group S 20 %")]


def test_allowance_needs_a_reason_and_a_valid_category() -> None:
    bad = AllowanceCharge(D("-1"), " ", D(0), VatCategory.STANDARD)

    assert problems([line("1", "10")], "EUR", charges=[bad]) == [
        ("charges/0/amount", "must not be negative"),
        ("charges/0/reason", "a reason or reason code is required"),
        ("charges/0/vat_rate", "standard rated (S) needs a rate above 0"),
    ]


def test_prepaid_cannot_exceed_the_gross_or_split_a_cent() -> None:
    assert problems([line("1", "10")], "EUR", prepaid=D("12.01")) == [
        ("prepaid", "must not exceed the gross")
    ]
    assert problems([line("1", "10")], "EUR", prepaid=D("1.005")) == [
        ("prepaid", "must be a whole amount of EUR")
    ]


# --- tax-inclusive entry -------------------------------------------------------


def test_tax_inclusive_price_gives_the_typed_gross() -> None:
    totals = compute_totals([line("1", "12.00")], "EUR", tax_inclusive=True)

    assert triple(totals) == ("10.00", "2.00", "12.00")


def test_tax_inclusive_lines_absorb_the_cent_in_the_largest_line() -> None:
    totals = compute_totals([line("1", "10.00")] * 3, "EUR", tax_inclusive=True)

    # 10.00 / 1.2 = 8.333 -> 8.33 each: 24.99, but the base of 30.00 is 25.00.
    assert [str(a.net) for a in totals.lines] == ["8.34", "8.33", "8.33"]
    assert triple(totals) == ("25.00", "5.00", "30.00")


def test_tax_inclusive_mixed_rates_and_discounts_keep_the_typed_gross() -> None:
    lines = [
        line("3", "19.90", "20"),  # 59.70 = 49.75 + 9.95
        line("2", "7.49", "5.5", percent="10"),  # 14.98 - 1.50 = 12.78 + 0.70
        line("1", "4.99", "0"),
    ]

    totals = compute_totals(lines, "EUR", tax_inclusive=True)

    assert str(totals.gross) == "78.17"
    assert str(totals.rounding) == "0.00"
    for entry in totals.breakdown:
        assert entry.vat == round_money(entry.taxable * entry.rate / 100, "EUR")


def test_unreachable_gross_leaves_one_cent_of_invoice_rounding() -> None:
    # At 20 %, no base gives 10.05: 8.37 -> 10.04 and 8.38 -> 10.06.
    totals = compute_totals([line("1", "10.05")], "EUR", tax_inclusive=True)

    assert triple(totals) == ("8.37", "1.67", "10.04")
    assert str(totals.rounding) == "0.01"
    assert str(totals.amount_due) == "10.05"


def test_tax_inclusive_yen() -> None:
    totals = compute_totals([line("1", "1000", "10")], "JPY", tax_inclusive=True)

    assert triple(totals) == ("909", "91", "1000")


def test_tax_inclusive_allowance_is_typed_with_vat_too() -> None:
    totals = compute_totals(
        [line("1", "120")],
        "EUR",
        allowances=[adjustment("12")],
        tax_inclusive=True,
    )

    assert [str(a.net) for a in totals.allowances] == ["10.00"]
    assert triple(totals) == ("90.00", "18.00", "108.00")


# --- invariants on generated invoices ------------------------------------------

CURRENCIES = st.sampled_from(["EUR", "USD", "JPY", "KWD", "CHF", "XOF", "GBP"])


def decimals(low: str, high: str, places: int) -> st.SearchStrategy[D]:
    """Decimals with ``places`` digits; integers scaled, far quicker to draw."""
    scale = 10**places
    lowest, highest = int(D(low) * scale), int(D(high) * scale)
    return st.integers(lowest, highest).map(lambda i: D(i).scaleb(-places))


STANDARD_RATES = st.one_of(
    st.sampled_from([D(r) for r in ("2.1", "5.5", "8.5", "10", "20", "100")]),
    decimals("0.01", "100", 2),
)
ZERO_CATEGORIES = st.sampled_from([Z, E, AE, K, G])
QUANTITIES = decimals("0.0001", "100000", 4)
PRICES = decimals("0", "1000000", 4)
AMOUNTS = decimals("0", "100", 4)


@st.composite
def vat_groups(draw: st.DrawFn) -> tuple[VatCategory, D]:
    if draw(st.booleans()):
        return S, draw(STANDARD_RATES)
    return draw(ZERO_CATEGORIES), D(0)


@st.composite
def discounts(draw: st.DrawFn, most: D) -> Discount | None:
    """No discount, a percent, or an amount up to ``most``."""
    kind = draw(st.sampled_from(["none", "percent", "amount"]))
    if kind == "percent":
        return Discount(percent=draw(decimals("0", "100", 2)))
    if kind == "amount":
        return Discount(amount=draw(decimals("0", str(most), 2)))
    return None


@st.composite
def lines(draw: st.DrawFn) -> LineInput:
    category, rate = draw(vat_groups())
    quantity, price = draw(QUANTITIES), draw(PRICES)
    most = (quantity * price).quantize(D("0.01"), rounding=ROUND_DOWN)
    return LineInput(
        "Article",
        quantity,
        price,
        rate,
        vat_category=category,
        discount=draw(discounts(most)),
        exemption_reason="Art. 261 du CGI" if category is E else None,
    )


@st.composite
def adjustments(draw: st.DrawFn, groups: list[tuple[VatCategory, D]]) -> list:
    count = draw(st.integers(0, 3))
    chosen = [draw(st.sampled_from(groups)) for _ in range(count)]
    return [
        AllowanceCharge(
            draw(AMOUNTS),
            "Ajustement",
            rate,
            category,
            exemption_reason="Art. 261 du CGI" if category is E else None,
        )
        for category, rate in chosen
    ]


@st.composite
def invoices(draw: st.DrawFn) -> dict:
    entered = draw(st.lists(lines(), min_size=1, max_size=8))
    groups = [(item.category, item.vat_rate) for item in entered]
    return {
        "lines": entered,
        "currency": draw(CURRENCIES),
        "allowances": draw(adjustments(groups)),
        "charges": draw(adjustments(groups)),
        "tax_inclusive": draw(st.booleans()),
    }


def typed_total(invoice: dict, totals: Totals) -> D:
    currency = invoice["currency"]
    typed_lines = sum(
        (
            round_money(a.line.quantity * a.line.unit_price, currency) - a.discount
            for a in totals.lines
        ),
        D(0),
    )
    allowances = sum(
        (round_money(a.amount, currency) for a in invoice["allowances"]), D(0)
    )
    charges = sum((round_money(c.amount, currency) for c in invoice["charges"]), D(0))
    return typed_lines - allowances + charges


# The only refusals a generated invoice may get: its amounts are random.
REFUSALS = ("must not exceed the line amount", "allowances exceed the amount")


def compute(invoice: dict) -> Totals | None:
    """The totals, or None when a discount or allowance exceeds its base."""
    try:
        return compute_totals(**invoice)
    except InvalidInvoice as refused:
        assert all(p.message.startswith(REFUSALS) for p in refused.problems)
        return None


def all_amounts(totals: Totals) -> list[D]:
    return [
        totals.net,
        totals.vat,
        totals.gross,
        totals.amount_due,
        totals.rounding,
        *(a.net for a in totals.lines),
        *(a.net for a in totals.allowances),
        *(a.net for a in totals.charges),
        *(e.taxable for e in totals.breakdown),
        *(e.vat for e in totals.breakdown),
    ]


@settings(
    max_examples=2000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(invoice=invoices())
def test_invariants_hold_on_every_invoice(invoice: dict) -> None:
    totals = compute(invoice)
    if totals is None:
        return
    currency = invoice["currency"]
    unit = minor_unit(currency)

    assert (
        totals.line_total - totals.allowance_total + totals.charge_total == totals.net
    )
    assert sum((e.taxable for e in totals.breakdown), D(0)) == totals.net
    assert sum((e.vat for e in totals.breakdown), D(0)) == totals.vat
    assert totals.net + totals.vat == totals.gross
    assert totals.amount_due == totals.gross - totals.prepaid + totals.rounding
    for entry in totals.breakdown:
        assert entry.vat == round_money(entry.taxable * entry.rate / 100, currency)
        assert entry.taxable >= 0
    groups = [(e.category, e.rate) for e in totals.breakdown]
    assert len(set(groups)) == len(groups)
    for amount in all_amounts(totals):
        assert amount.as_tuple().exponent == -minor_digits(currency)
        assert amount >= 0
        assert not (amount.is_zero() and amount.is_signed())
    if invoice["tax_inclusive"]:
        assert totals.gross + totals.rounding == typed_total(invoice, totals)
        assert totals.rounding <= unit * len(totals.breakdown)
    else:
        assert totals.rounding == 0
        assert totals.net == typed_total(invoice, totals)


@settings(max_examples=200, deadline=None)
@given(invoice=invoices(), share=st.integers(0, 100))
def test_prepaid_lowers_the_amount_due_only(invoice: dict, share: int) -> None:
    totals = compute(invoice)
    if totals is None:
        return
    prepaid = round_money(totals.gross * share / 100, invoice["currency"])

    paid = compute_totals(**invoice, prepaid=prepaid)

    assert paid.amount_due == totals.amount_due - prepaid
    assert (paid.net, paid.vat, paid.gross) == (totals.net, totals.vat, totals.gross)


@settings(max_examples=300, deadline=None)
@given(
    gross=decimals("0", "1000000", 2),
    rate=STANDARD_RATES,
)
def test_tax_inclusive_gross_is_met_or_short_by_one_cent(gross: D, rate: D) -> None:
    totals = compute_totals(
        [LineInput("Article", D(1), gross, rate)], "EUR", tax_inclusive=True
    )

    assert totals.gross + totals.rounding == gross
    assert totals.rounding in (D("0.00"), D("0.01"))
    assert totals.amount_due == gross
