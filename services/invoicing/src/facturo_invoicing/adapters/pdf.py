"""French invoice as PDF, drawn with fpdf2's core fonts (windows-1252)."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from babel import Locale
from fpdf import FPDF

from facturo_invoicing.domain.inputs import Delivery
from facturo_invoicing.domain.money import round_money
from facturo_invoicing.domain.totals import LineAmounts, Totals, VatBreakdownEntry
from facturo_invoicing.domain.vat import VatCategory

# TODO: this is a plain PDF; DESIGN.md wants PDF/A-3 with the EN 16931 CII XML
# embedded (Factur-X). Until then the PDF is a readable copy, not an e-invoice.

NO_DISCOUNT = "Pas d'escompte pour paiement anticipé."
RECOVERY_INDEMNITY = (
    "Tout retard de paiement rend exigible une indemnité forfaitaire pour frais "
    "de recouvrement de 40 EUR (art. L. 441-10 et D. 441-5 du Code de commerce)."
)
_ENCODING = "windows-1252"
_FRENCH_DIGITS = str.maketrans(",.", "\u00a0,")
_LINE_HEIGHT = 5.0
_LINE_COLUMNS = (80, 20, 32, 18, 32)
_BREAKDOWN_COLUMNS = (30, 50, 50)


@dataclass(frozen=True)
class Party:
    """Seller or buyer as a French invoice names them."""

    name: str
    siren: str
    vat_id: str
    address_lines: tuple[str, ...]


@dataclass(frozen=True)
class InvoiceDocument:
    """What the PDF shows; ``totals.lines`` holds the lines and their nets.

    ``late_penalty_rate`` is the annual percent charged on late payment.
    """

    seller: Party
    buyer: Party
    number: str
    issue_date: date
    due_date: date
    currency: str
    totals: Totals
    payment_terms: str
    late_penalty_rate: Decimal
    discount_terms: str = NO_DISCOUNT
    vat_exemption_note: str | None = None
    prices_include_vat: bool = False
    delivery: Delivery = field(default_factory=Delivery)


def render_invoice_pdf(doc: InvoiceDocument) -> bytes:
    """Render ``doc`` as PDF bytes (they begin with ``%PDF``)."""
    pdf = _new_pdf(doc.number)
    _header(pdf, doc)
    _delivery(pdf, doc.delivery)
    _parties(pdf, doc.seller, doc.buyer)
    _lines_table(pdf, doc.totals.lines, doc.currency, doc.prices_include_vat)
    _breakdown_table(pdf, doc.totals, doc.currency)
    _grand_totals(pdf, doc.totals, doc.currency)
    _mentions(pdf, doc)
    return bytes(pdf.output())


def format_amount(amount: Decimal, currency: str) -> str:
    """French money text, e.g. ``1 234,50 EUR`` (non-breaking space)."""
    return f"{_french(round_money(amount, currency))} {currency}"


def format_quantity(value: Decimal) -> str:
    """A quantity or rate without trailing zeros, e.g. ``5,5``."""
    return _french(value.normalize())


def _french(value: Decimal) -> str:
    return f"{value:,f}".translate(_FRENCH_DIGITS)


def _printable(text: str) -> str:
    return text.encode(_ENCODING, "replace").decode(_ENCODING)


def _new_pdf(number: str, title: str = "Facture") -> FPDF:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = _ENCODING
    pdf.set_title(_printable(f"{title} {number}"))
    pdf.set_lang("fr")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    return pdf


def _say(pdf: FPDF, text: str, *, bold: bool = False, size: int = 10) -> None:
    pdf.set_font("Helvetica", style="B" if bold else "", size=size)
    pdf.multi_cell(0, _LINE_HEIGHT, _printable(text))
    pdf.set_x(pdf.l_margin)


def _header(pdf: FPDF, doc: InvoiceDocument) -> None:
    _say(pdf, f"FACTURE N° {doc.number}", bold=True, size=16)
    _say(pdf, f"Date d'émission : {doc.issue_date:%d/%m/%Y}")
    _say(pdf, f"Date d'échéance : {doc.due_date:%d/%m/%Y}")
    _say(pdf, f"Devise : {doc.currency}")
    pdf.ln(4)


def _delivery(pdf: FPDF, delivery: Delivery) -> None:
    """Delivery date, invoicing period and deliver-to place, when given."""
    lines = []
    if delivery.actual_date:
        lines.append(f"Date de livraison : {delivery.actual_date:%d/%m/%Y}")
    if delivery.period_start or delivery.period_end:
        lines.append(f"Période de facturation : {_period(delivery)}")
    if delivery.country:
        country = Locale("fr").territories.get(delivery.country, delivery.country)
        place = ", ".join(p for p in (delivery.address, country) if p)
        lines.append(f"Lieu de livraison : {place}")
    for line in lines:
        _say(pdf, line)
    if lines:
        pdf.ln(4)


def _period(delivery: Delivery) -> str:
    start, end = delivery.period_start, delivery.period_end
    if start and end:
        return f"du {start:%d/%m/%Y} au {end:%d/%m/%Y}"
    if start:
        return f"à partir du {start:%d/%m/%Y}"
    assert end is not None
    return f"jusqu'au {end:%d/%m/%Y}"


def _parties(pdf: FPDF, seller: Party, buyer: Party) -> None:
    _party(pdf, "Vendeur", seller)
    _party(pdf, "Client", buyer)


def _party(pdf: FPDF, role: str, party: Party) -> None:
    _say(pdf, f"{role} : {party.name}", bold=True)
    for line in party.address_lines:
        _say(pdf, line)
    vat_id = f"   N° TVA intracommunautaire : {party.vat_id}" if party.vat_id else ""
    _say(pdf, f"SIREN : {party.siren}{vat_id}")
    pdf.ln(3)


def _lines_table(
    pdf: FPDF, lines: tuple[LineAmounts, ...], currency: str, with_vat: bool
) -> None:
    price = "Prix unitaire TTC" if with_vat else "Prix unitaire HT"
    heading = ("Désignation", "Quantité", price, "TVA", "Montant HT")
    rows = [_line_row(amounts, currency) for amounts in lines]
    _table(pdf, _LINE_COLUMNS, heading, rows)


def _line_row(amounts: LineAmounts, currency: str) -> tuple[str, ...]:
    line = amounts.line
    return (
        line.description,
        format_quantity(line.quantity),
        format_amount(line.unit_price, currency),
        f"{format_quantity(line.vat_rate)} %",
        format_amount(amounts.net, currency),
    )


def _breakdown_table(pdf: FPDF, totals: Totals, currency: str) -> None:
    heading = ("Taux de TVA", "Base HT", "Montant TVA")
    rows = [
        (
            _rate_label(entry),
            format_amount(entry.taxable, currency),
            format_amount(entry.vat, currency),
        )
        for entry in totals.breakdown
    ]
    _table(pdf, _BREAKDOWN_COLUMNS, heading, rows)


def _rate_label(entry: VatBreakdownEntry) -> str:
    rate = f"{format_quantity(entry.rate)} %"
    standard = entry.category is VatCategory.STANDARD
    return rate if standard else f"{rate} ({entry.category.value})"


def _table(
    pdf: FPDF,
    widths: tuple[int, ...],
    heading: Sequence[str],
    rows: Sequence[Sequence[str]],
) -> None:
    """Text in the first column, right-aligned numbers in the others."""
    pdf.set_font("Helvetica", size=9)
    with pdf.table(
        col_widths=widths, width=sum(widths), align="LEFT", text_align="LEFT"
    ) as table:
        for cells in (heading, *rows):
            row = table.row()
            for column, text in enumerate(cells):
                row.cell(_printable(text), align="RIGHT" if column else "LEFT")
    pdf.ln(4)


def _grand_totals(pdf: FPDF, totals: Totals, currency: str) -> None:
    if totals.allowances or totals.charges:
        _say(pdf, f"Total des lignes HT : {format_amount(totals.line_total, currency)}")
        _say(pdf, f"Remises HT : {format_amount(totals.allowance_total, currency)}")
        _say(pdf, f"Frais HT : {format_amount(totals.charge_total, currency)}")
    _say(pdf, f"Total HT : {format_amount(totals.net, currency)}")
    _say(pdf, f"Total TVA : {format_amount(totals.vat, currency)}")
    _say(pdf, f"Total TTC : {format_amount(totals.gross, currency)}", bold=True)
    if totals.prepaid or totals.rounding:
        _say(pdf, f"Déjà payé : {format_amount(totals.prepaid, currency)}")
        if totals.rounding:
            _say(pdf, f"Arrondi : {format_amount(totals.rounding, currency)}")
        _say(pdf, f"Net à payer : {format_amount(totals.amount_due, currency)}")
    pdf.ln(4)


def _mentions(pdf: FPDF, doc: InvoiceDocument) -> None:
    _say(pdf, f"Conditions de paiement : {doc.payment_terms}", size=9)
    _say(pdf, doc.discount_terms, size=9)
    rate = format_quantity(doc.late_penalty_rate)
    _say(pdf, f"Pénalités de retard : taux annuel de {rate} %.", size=9)
    _say(pdf, RECOVERY_INDEMNITY, size=9)
    if doc.vat_exemption_note:
        _say(pdf, doc.vat_exemption_note, size=9)
