"""Credit note amounts between the domain and the stored rows.

Lines and VAT groups are stored as JSON with decimal strings; line ``source``
is the index of the invoice line it credits (position - 1).
"""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from facturo_invoicing.adapters.orm import CreditNote, Invoice
from facturo_invoicing.domain import credit_notes as credits
from facturo_invoicing.domain.credit_notes import (
    CreditableInvoice,
    CreditKind,
    CreditNoteAmounts,
)
from facturo_invoicing.domain.errors import FieldProblem


def creditable(invoice: Invoice) -> CreditableInvoice:
    """What credit notes need of the stored invoice."""
    lines = tuple(
        credits.CreditableLine(
            quantity=line.quantity,
            unit_price=line.unit_price,
            net=line.net,
            vat_category=line.vat_category,
            vat_rate=line.vat_rate,
        )
        for line in invoice.lines
    )
    groups = tuple(
        credits.VatGroup(
            vat_category=str(row["category"]),
            vat_rate=Decimal(str(row["rate"])),
            taxable=Decimal(str(row["taxable"])),
            vat=Decimal(str(row["vat"])),
        )
        for row in invoice.vat_breakdown
    )
    return CreditableInvoice(invoice.currency, lines, groups)


def plan(
    invoice: CreditableInvoice,
    earlier: Sequence[CreditNoteAmounts],
    kind: CreditKind,
    request: Mapping[str, str],
) -> CreditNoteAmounts:
    """The credit note's amounts for what was asked, after the earlier notes.

    ``request`` holds ``gross`` (by amount) or line positions (1-based, as
    the API shows them) and quantities (by lines). Problems are reported at
    ``quantities/<position>``.
    """
    if kind is CreditKind.FULL:
        return credits.plan_full_credit(invoice, earlier)
    if kind is CreditKind.AMOUNT:
        return credits.plan_amount_credit(invoice, earlier, Decimal(request["gross"]))
    quantities = {int(p) - 1: Decimal(q) for p, q in request.items()}
    try:
        return credits.plan_line_credit(invoice, earlier, quantities)
    except credits.InvalidCredit as invalid:
        raise credits.InvalidCredit(_by_position(invalid.problems)) from None


def amounts_of(note: CreditNote) -> CreditNoteAmounts:
    lines = tuple(
        credits.CreditLine(
            source=None if row["source"] is None else int(row["source"]),
            quantity=Decimal(str(row["quantity"])),
            unit_price=Decimal(str(row["unit_price"])),
            net=Decimal(str(row["net"])),
            vat_category=str(row["vat_category"]),
            vat_rate=Decimal(str(row["vat_rate"])),
        )
        for row in note.lines
    )
    groups = tuple(
        credits.VatGroup(
            vat_category=row["vat_category"],
            vat_rate=Decimal(row["vat_rate"]),
            taxable=Decimal(row["taxable"]),
            vat=Decimal(row["vat"]),
        )
        for row in note.vat_groups
    )
    return CreditNoteAmounts(CreditKind(note.kind), note.currency, lines, groups)


def store_amounts(note: CreditNote, amounts: CreditNoteAmounts) -> None:
    note.net, note.vat, note.gross = amounts.net, amounts.vat, amounts.gross
    note.lines = [
        {
            "source": None if line.source is None else str(line.source),
            "quantity": str(line.quantity),
            "unit_price": str(line.unit_price),
            "net": str(line.net),
            "vat_category": line.vat_category,
            "vat_rate": str(line.vat_rate),
        }
        for line in amounts.lines
    ]
    note.vat_groups = [
        {
            "vat_category": group.vat_category,
            "vat_rate": str(group.vat_rate),
            "taxable": str(group.taxable),
            "vat": str(group.vat),
        }
        for group in amounts.groups
    ]


def _by_position(problems: Sequence[FieldProblem]) -> list[FieldProblem]:
    """``lines/<index>/quantity`` as the API names it: ``quantities/<position>``."""
    renamed = []
    for problem in problems:
        parts = problem.location.split("/")
        if parts[0] == "lines" and len(parts) > 1 and parts[1].isdigit():
            location = f"quantities/{int(parts[1]) + 1}"
        else:
            location = "quantities"
        renamed.append(FieldProblem(location, problem.message))
    return renamed
