"""Credit notes: in full, by lines or by amount, never beyond the invoice."""

from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_DOWN
from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from facturo_invoicing.domain.credit_notes import (
    CreditableInvoice,
    CreditableLine,
    CreditExceedsInvoice,
    CreditKind,
    CreditLine,
    CreditNoteAmounts,
    InvalidCredit,
    LinesNoLongerCreditable,
    NothingLeftToCredit,
    VatGroup,
    format_credit_note_number,
    plan_amount_credit,
    plan_full_credit,
    plan_line_credit,
    remaining,
)
from facturo_invoicing.domain.errors import InvalidNumber
from facturo_invoicing.domain.money import minor_digits, round_money

Spec = tuple[str, str, str, str]  # quantity, unit price, category, rate


def invoice(specs: Sequence[Spec], currency: str = "EUR") -> CreditableInvoice:
    """The invoice view the wiring builds: line nets, then VAT once per group."""
    lines = tuple(
        CreditableLine(
            D(qty),
            D(price),
            round_money(D(qty) * D(price), currency),
            category,
            D(rate),
        )
        for qty, price, category, rate in specs
    )
    taxable: dict[tuple[str, D], D] = defaultdict(D)
    for line in lines:
        taxable[(line.vat_category, line.vat_rate)] += line.net
    groups = tuple(
        VatGroup(category, rate, base, round_money(base * rate / 100, currency))
        for (category, rate), base in taxable.items()
    )
    return CreditableInvoice(currency, lines, groups)


def sums(notes: Sequence[CreditNoteAmounts]) -> tuple[D, D, D]:
    return (
        sum((n.net for n in notes), D(0)),
        sum((n.vat for n in notes), D(0)),
        sum((n.gross for n in notes), D(0)),
    )


def group_sums(notes: Sequence[CreditNoteAmounts]) -> dict[tuple[str, D], list[D]]:
    """Taxable and VAT credited per VAT group."""
    totals: dict[tuple[str, D], list[D]] = defaultdict(lambda: [D(0), D(0)])
    for note in notes:
        for group in note.groups:
            credited = totals[(group.vat_category, group.vat_rate)]
            credited[0] += group.taxable
            credited[1] += group.vat
    return totals


def amounts(note: CreditNoteAmounts) -> list[tuple[str, str, str]]:
    return [(str(g.vat_rate), str(g.taxable), str(g.vat)) for g in note.groups]


THIRDS = invoice([("3", "33.3333", "S", "20")])  # 100.00 + 20.00 = 120.00
MIXED = invoice([("1", "100.00", "S", "20"), ("1", "50.00", "S", "5.5")])
TWO_LINES = invoice([("3", "33.3333", "S", "20"), ("2", "10.00", "S", "5.5")])


# --- the invoice view --------------------------------------------------------


def test_invoice_totals_come_from_its_vat_groups() -> None:
    assert (MIXED.net, MIXED.vat, MIXED.gross) == (
        D("150.00"),
        D("22.75"),
        D("172.75"),
    )


def test_a_line_needs_its_vat_group() -> None:
    line = CreditableLine(D(1), D(10), D("10.00"), "S", D(20))

    with pytest.raises(ValueError, match="line 0 has no VAT group S 20"):
        CreditableInvoice("EUR", (line,), ())


# --- in full -----------------------------------------------------------------


def test_full_credit_credits_the_whole_invoice_line_by_line() -> None:
    note = plan_full_credit(TWO_LINES, [])

    assert note.kind is CreditKind.FULL
    assert note.currency == "EUR"
    assert note.lines == (
        CreditLine(0, D(3), D("33.3333"), D("100.00"), "S", D(20)),
        CreditLine(1, D(2), D("10.00"), D("20.00"), "S", D("5.5")),
    )
    assert (note.net, note.vat, note.gross) == (
        D("120.00"),
        D("21.10"),
        D("141.10"),
    )


def test_full_credit_after_a_partial_one_credits_exactly_the_rest() -> None:
    first = plan_line_credit(TWO_LINES, [], {0: D(1)})
    rest = plan_full_credit(TWO_LINES, [first])

    assert (first.net, first.vat, first.gross) == (D("33.33"), D("6.67"), D("40.00"))
    assert [(ln.source, str(ln.quantity), str(ln.net)) for ln in rest.lines] == [
        (0, "2", "66.67"),
        (1, "2", "20.00"),
    ]
    assert amounts(rest) == [("20", "66.67", "13.33"), ("5.5", "20.00", "1.10")]
    assert (rest.net, rest.vat, rest.gross) == (D("86.67"), D("14.43"), D("101.10"))
    assert sums([first, rest]) == (TWO_LINES.net, TWO_LINES.vat, TWO_LINES.gross)


def test_nothing_is_left_after_a_full_credit() -> None:
    earlier = [plan_full_credit(TWO_LINES, [])]

    with pytest.raises(NothingLeftToCredit, match="credited in full already"):
        plan_full_credit(TWO_LINES, earlier)
    with pytest.raises(NothingLeftToCredit):
        plan_amount_credit(TWO_LINES, earlier, D("0.01"))
    with pytest.raises(NothingLeftToCredit):
        plan_line_credit(TWO_LINES, earlier, {1: D(1)})
    assert remaining(TWO_LINES, earlier).gross == D("0.00")
    assert remaining(TWO_LINES, earlier).nothing_left


# --- line by line ------------------------------------------------------------


def test_three_line_credits_of_a_third_total_exactly_the_invoice() -> None:
    notes: list[CreditNoteAmounts] = []
    for _ in range(3):
        notes.append(plan_line_credit(THIRDS, notes, {0: D(1)}))

    assert [(str(n.net), str(n.vat), str(n.gross)) for n in notes] == [
        ("33.33", "6.67", "40.00"),
        ("33.34", "6.66", "40.00"),
        ("33.33", "6.67", "40.00"),
    ]
    assert sums(notes) == (D("100.00"), D("20.00"), D("120.00"))


def test_crediting_one_unit_twice_equals_crediting_two_at_once() -> None:
    once = plan_line_credit(THIRDS, [], {0: D(1)})
    twice = plan_line_credit(THIRDS, [once], {0: D(1)})
    both = plan_line_credit(THIRDS, [], {0: D(2)})

    assert (
        sums([once, twice])
        == sums([both])
        == (
            D("66.67"),
            D("13.33"),
            D("80.00"),
        )
    )


def test_line_credit_beyond_what_is_left_on_the_line_is_refused() -> None:
    lines = invoice([("5", "10.00", "S", "20"), ("1", "8.00", "S", "20")])
    earlier = [plan_line_credit(lines, [], {0: D(3)})]

    with pytest.raises(InvalidCredit) as caught:
        plan_line_credit(lines, earlier, {0: D(3), 1: D(0), 7: D(1)})

    assert [(p.location, p.message) for p in caught.value.problems] == [
        ("lines/0/quantity", "must be at most 2, what is left on this line"),
        ("lines/1/quantity", "must be greater than 0"),
        ("lines/7", "no such line on the invoice"),
    ]


def test_line_credit_needs_a_line_and_sane_quantities() -> None:
    with pytest.raises(InvalidCredit, match="lines: at least one line"):
        plan_line_credit(THIRDS, [], {})
    with pytest.raises(InvalidCredit, match="at most 4 decimal places"):
        plan_line_credit(THIRDS, [], {0: D("0.00001")})
    with pytest.raises(InvalidCredit, match="finite decimal number"):
        plan_line_credit(THIRDS, [], {0: D("NaN")})


def test_line_credit_only_touches_the_vat_groups_of_its_lines() -> None:
    note = plan_line_credit(TWO_LINES, [], {1: D("0.5")})

    assert note.lines == (
        CreditLine(1, D("0.5"), D("10.00"), D("5.00"), "S", D("5.5")),
    )
    assert amounts(note) == [("5.5", "5.00", "0.28")]  # 0.275 rounds up


def test_line_credit_beyond_its_vat_group_is_refused() -> None:
    # A document-level allowance of 10.00 leaves the group below its lines;
    # the line would credit 100.00 net and 18.00 VAT (capped at the group).
    line = CreditableLine(D(1), D(100), D("100.00"), "S", D(20))
    group = VatGroup("S", D(20), D("90.00"), D("18.00"))
    allowed = CreditableInvoice("EUR", (line,), (group,))

    with pytest.raises(
        CreditExceedsInvoice,
        match=r"118\.00 EUR is more than the 108\.00 EUR left to credit in VAT group",
    ):
        plan_line_credit(allowed, [], {0: D(1)})
    assert plan_full_credit(allowed, []).gross == D("108.00")


def test_lines_cannot_be_credited_after_a_credit_by_amount() -> None:
    earlier = [plan_amount_credit(TWO_LINES, [], D("10.00"))]

    with pytest.raises(LinesNoLongerCreditable, match="credited by amount"):
        plan_line_credit(TWO_LINES, earlier, {0: D(1)})


# --- by amount ---------------------------------------------------------------


def test_three_amount_credits_of_a_third_total_exactly_120() -> None:
    notes: list[CreditNoteAmounts] = []
    for _ in range(3):
        notes.append(plan_amount_credit(THIRDS, notes, D("40.00")))

    assert [(str(n.net), str(n.vat), str(n.gross)) for n in notes] == [
        ("33.33", "6.67", "40.00"),
        ("33.34", "6.66", "40.00"),  # 33.335 rounds up
        ("33.33", "6.67", "40.00"),  # the remainder
    ]
    assert sums(notes) == (D("100.00"), D("20.00"), D("120.00"))
    assert all(n.kind is CreditKind.AMOUNT for n in notes)


def test_amount_is_spread_over_mixed_rates_pro_rata_to_their_gross() -> None:
    note = plan_amount_credit(MIXED, [], D("100.00"))

    # Gross 120.00 and 52.75 of 172.75: 69.4645... and 30.5354..., the spare
    # cent going to the larger remainder; net is the gross share without VAT.
    assert amounts(note) == [("20", "57.88", "11.58"), ("5.5", "28.95", "1.59")]
    assert (note.net, note.vat, note.gross) == (D("86.83"), D("13.17"), D("100.00"))
    assert note.lines == (
        CreditLine(None, D(1), D("57.88"), D("57.88"), "S", D(20)),
        CreditLine(None, D(1), D("28.95"), D("28.95"), "S", D("5.5")),
    )


def test_full_credit_after_an_amount_credits_what_each_group_has_left() -> None:
    first = plan_amount_credit(MIXED, [], D("100.00"))
    rest = plan_full_credit(MIXED, [first])

    assert amounts(rest) == [("20", "42.12", "8.42"), ("5.5", "21.05", "1.16")]
    assert [ln.source for ln in rest.lines] == [None, None]
    assert sums([first, rest]) == (D("150.00"), D("22.75"), D("172.75"))


def test_exempt_group_takes_its_share_without_vat() -> None:
    mixed = invoice([("1", "100", "S", "20"), ("1", "80", "E", "0")])

    note = plan_amount_credit(mixed, [], D("100.00"))

    # 120.00 and 80.00 of 200.00: 60.00 and 40.00.
    assert amounts(note) == [("20", "50.00", "10.00"), ("0", "40.00", "0.00")]


def test_amount_beyond_what_is_left_is_refused_with_what_is_left() -> None:
    earlier = [plan_line_credit(TWO_LINES, [], {1: D(2)})]

    with pytest.raises(
        CreditExceedsInvoice,
        match=r"credit of 120\.01 EUR is more than the 120\.00 EUR left to credit",
    ) as caught:
        plan_amount_credit(TWO_LINES, earlier, D("120.01"))

    assert caught.value.left == D("120.00")


@pytest.mark.parametrize(
    ("gross", "message"),
    [
        ("0", "must be greater than 0"),
        ("-5", "must be greater than 0"),
        ("1.001", "must have at most 2 decimal places in EUR"),
        ("Infinity", "must be a finite decimal number"),
    ],
)
def test_bad_amounts_are_refused(gross: str, message: str) -> None:
    with pytest.raises(InvalidCredit) as caught:
        plan_amount_credit(THIRDS, [], D(gross))

    assert [(p.location, p.message) for p in caught.value.problems] == [
        ("gross", message)
    ]


def test_yen_credits_have_no_minor_unit() -> None:
    yen = invoice([("1", "1000", "S", "10")], "JPY")

    first = plan_amount_credit(yen, [], D("333"))
    rest = plan_amount_credit(yen, [first], D("767"))

    assert amounts(first) == [("10", "303", "30")]  # 302.727...
    assert amounts(rest) == [("10", "697", "70")]
    assert (str(rest.net), str(rest.vat), str(rest.gross)) == ("697", "70", "767")
    with pytest.raises(InvalidCredit, match="at most 0 decimal places in JPY"):
        plan_amount_credit(yen, [], D("0.5"))


# --- what is left ------------------------------------------------------------


def test_remaining_after_a_line_credit() -> None:
    left = remaining(TWO_LINES, [plan_line_credit(TWO_LINES, [], {0: D(1)})])

    assert [(str(ln.quantity), str(ln.net)) for ln in left.lines] == [
        ("2", "66.67"),
        ("2", "20.00"),
    ]
    assert [(str(g.taxable), str(g.vat)) for g in left.groups] == [
        ("66.67", "13.33"),
        ("20.00", "1.10"),
    ]
    assert (left.net, left.vat, left.gross) == (D("86.67"), D("14.43"), D("101.10"))
    assert left.by_lines


def test_credits_in_another_currency_are_not_this_invoices() -> None:
    other = invoice([("3", "33.3333", "S", "20")], "USD")

    with pytest.raises(ValueError, match="credit note in USD"):
        remaining(THIRDS, [plan_full_credit(other, [])])


# --- numbering ---------------------------------------------------------------


def test_credit_note_number_has_its_own_series_mark() -> None:
    assert format_credit_note_number("SAL", 2026, 7) == "SAL-AV-2026-000007"
    assert format_credit_note_number("RD2", 2027, 999_999) == "RD2-AV-2027-999999"


@pytest.mark.parametrize(
    ("department", "year", "sequence"),
    [("sal", 2026, 1), ("SAL", 26, 1), ("SAL", 2026, 0)],
)
def test_bad_credit_note_number_parts_are_refused(
    department: str, year: int, sequence: int
) -> None:
    with pytest.raises(InvalidNumber):
        format_credit_note_number(department, year, sequence)


# --- invariants --------------------------------------------------------------

CURRENCIES = st.sampled_from(["EUR", "JPY", "KWD"])
GROUPS = st.sampled_from(
    [("S", "20"), ("S", "10"), ("S", "5.5"), ("S", "2.1"), ("E", "0"), ("Z", "0")]
)
SPECS = st.builds(
    lambda qty, price, group: (str(qty), str(price), *group),
    st.decimals(min_value=D("0.01"), max_value=500, places=2),
    st.decimals(min_value=0, max_value=10_000, places=4),
    GROUPS,
)


def check_note(note: CreditNoteAmounts, digits: int) -> None:
    """A credit note is a document of its own: positive and consistent."""
    money = [ln.net for ln in note.lines]
    money += [a for g in note.groups for a in (g.taxable, g.vat)]
    assert all(a >= 0 and a.as_tuple().exponent == -digits for a in money)
    assert note.lines
    for group in note.groups:
        nets = [
            ln.net
            for ln in note.lines
            if (ln.vat_category, ln.vat_rate) == (group.vat_category, group.vat_rate)
        ]
        assert sum(nets, D(0)) == group.taxable
    assert note.net + note.vat == note.gross


def check_within(doc: CreditableInvoice, notes: list[CreditNoteAmounts]) -> None:
    credited = group_sums(notes)
    for group in doc.groups:
        taxable, vat = credited[(group.vat_category, group.vat_rate)]
        assert taxable <= group.taxable
        assert vat <= group.vat
    net, vat, gross = sums(notes)
    assert (net <= doc.net, vat <= doc.vat, gross <= doc.gross) == (True,) * 3


def partial_step(
    data: st.DataObject,
    doc: CreditableInvoice,
    notes: list[CreditNoteAmounts],
    mode: str,
) -> CreditNoteAmounts | None:
    left = remaining(doc, notes)
    unit = D(1).scaleb(-minor_digits(doc.currency))
    by_lines = mode == "lines" or data.draw(st.booleans(), label="by lines")
    if left.by_lines and mode != "amount" and by_lines:
        quantities = {}
        for index, line in enumerate(left.lines):
            share = data.draw(st.integers(min_value=0, max_value=4), label="quarters")
            quantity = (line.quantity * share / 4).quantize(D("0.0001"), ROUND_DOWN)
            if quantity > 0:
                quantities[index] = quantity
        return plan_line_credit(doc, notes, quantities) if quantities else None
    units = int(left.gross / unit)
    if units < 1:
        return None
    chosen = data.draw(st.integers(min_value=1, max_value=units), label="units")
    return plan_amount_credit(doc, notes, chosen * unit)


@settings(max_examples=500, deadline=None)
@given(
    specs=st.lists(SPECS, min_size=1, max_size=6),
    currency=CURRENCIES,
    steps=st.integers(min_value=0, max_value=6),
    mode=st.sampled_from(["lines", "amount", "mixed"]),
    finish=st.sampled_from(["full", "lines", "amount", "none"]),
    data=st.data(),
)
def test_credit_notes_never_exceed_the_invoice_and_the_last_takes_the_rest(
    specs: list[Spec],
    currency: str,
    steps: int,
    mode: str,
    finish: str,
    data: st.DataObject,
) -> None:
    doc = invoice(specs, currency)
    digits = minor_digits(currency)
    notes: list[CreditNoteAmounts] = []
    for _ in range(steps):
        note = partial_step(data, doc, notes, mode)
        if note is not None:
            check_note(note, digits)
            notes.append(note)
            check_within(doc, notes)

    left = remaining(doc, notes)
    if finish == "none" or left.nothing_left:
        return
    if finish == "lines" and left.by_lines:
        rest = {i: ln.quantity for i, ln in enumerate(left.lines) if ln.quantity}
        last = plan_line_credit(doc, notes, rest) if rest else None
    elif finish == "amount" and left.gross > 0:
        last = plan_amount_credit(doc, notes, left.gross)
    else:
        last = plan_full_credit(doc, notes)
    if last is None:
        return
    check_note(last, digits)
    notes.append(last)

    assert sums(notes) == (doc.net, doc.vat, doc.gross)
    credited = group_sums(notes)
    for group in doc.groups:
        taxable, vat = credited[(group.vat_category, group.vat_rate)]
        assert (taxable, vat) == (group.taxable, group.vat)
    assert remaining(doc, notes).nothing_left
