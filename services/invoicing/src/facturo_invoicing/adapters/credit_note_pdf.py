"""French credit note ("avoir") as PDF, drawn like the invoice."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from facturo_invoicing.adapters.pdf import (
    _BREAKDOWN_COLUMNS,
    _LINE_COLUMNS,
    Party,
    _new_pdf,
    _parties,
    _say,
    _table,
    format_amount,
    format_quantity,
)

LINE_HEADING = ("Désignation", "Quantité", "Prix unitaire HT", "TVA", "Montant HT")
GROUP_HEADING = ("Taux de TVA", "Base HT", "Montant TVA")


@dataclass(frozen=True)
class CreditLineText:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat_rate: Decimal
    net: Decimal


@dataclass(frozen=True)
class CreditGroupText:
    vat_rate: Decimal
    vat_category: str
    taxable: Decimal
    vat: Decimal


@dataclass(frozen=True)
class CreditNoteDocument:
    """What the PDF shows; amounts are positive, the title says it credits."""

    seller: Party
    buyer: Party
    number: str
    issue_date: date
    invoice_number: str
    invoice_issue_date: date
    reason: str
    currency: str
    lines: tuple[CreditLineText, ...]
    groups: tuple[CreditGroupText, ...]
    net: Decimal
    vat: Decimal
    gross: Decimal


def render_credit_note_pdf(doc: CreditNoteDocument) -> bytes:
    """Render ``doc`` as PDF bytes (they begin with ``%PDF``)."""
    pdf = _new_pdf(doc.number, title="Avoir")
    _say(pdf, f"AVOIR N° {doc.number}", bold=True, size=16)
    _say(pdf, f"Date d'émission : {doc.issue_date:%d/%m/%Y}")
    issued = f"{doc.invoice_issue_date:%d/%m/%Y}"
    _say(pdf, f"Facture d'origine : {doc.invoice_number} du {issued}")
    _say(pdf, f"Motif : {doc.reason}")
    _say(pdf, f"Devise : {doc.currency}")
    pdf.ln(4)
    _parties(pdf, doc.seller, doc.buyer)
    lines = [_line(line, doc.currency) for line in doc.lines]
    _table(pdf, _LINE_COLUMNS, LINE_HEADING, lines)
    groups = [_group(group, doc.currency) for group in doc.groups]
    _table(pdf, _BREAKDOWN_COLUMNS, GROUP_HEADING, groups)
    _say(pdf, f"Total HT : {format_amount(doc.net, doc.currency)}")
    _say(pdf, f"Total TVA : {format_amount(doc.vat, doc.currency)}")
    _say(
        pdf,
        f"Total TTC à déduire : {format_amount(doc.gross, doc.currency)}",
        bold=True,
    )
    return bytes(pdf.output())


def _line(line: CreditLineText, currency: str) -> tuple[str, ...]:
    return (
        line.description,
        format_quantity(line.quantity),
        format_amount(line.unit_price, currency),
        f"{format_quantity(line.vat_rate)} %",
        format_amount(line.net, currency),
    )


def _group(group: CreditGroupText, currency: str) -> tuple[str, ...]:
    rate = f"{format_quantity(group.vat_rate)} %"
    if group.vat_category != "S":
        rate = f"{rate} ({group.vat_category})"
    return (
        rate,
        format_amount(group.taxable, currency),
        format_amount(group.vat, currency),
    )
