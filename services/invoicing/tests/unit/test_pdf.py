"""The PDF carries the number, the totals and the French legal mentions."""

import io
from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from facturo_invoicing.adapters.pdf import (
    InvoiceDocument,
    Party,
    format_amount,
    render_invoice_pdf,
)
from facturo_invoicing.domain.totals import AllowanceCharge, LineInput, compute_totals
from facturo_invoicing.domain.vat import VatCategory

SELLER = Party(
    name="Société Générale d'Études",
    siren="123456789",
    vat_id="FR32123456789",
    address_lines=("12 rue de l'Église", "75004 Paris"),
)
BUYER = Party(
    name="Crème & Brûlée SARL",
    siren="987654321",
    vat_id="FR05987654321",
    address_lines=("3 place du Marché", "69002 Lyon"),
)


def document(currency: str = "EUR", *lines: LineInput) -> InvoiceDocument:
    entered = lines or (
        LineInput("Conseil stratégique, phase 1", D("3"), D("1500"), D("20")),
        LineInput("Ouvrages techniques", D("7"), D("12.35"), D("5.5")),
    )
    return InvoiceDocument(
        seller=SELLER,
        buyer=BUYER,
        number="SAL-2026-000042",
        issue_date=date(2026, 3, 2),
        due_date=date(2026, 4, 1),
        currency=currency,
        totals=compute_totals(entered, currency),
        payment_terms="30 jours fin de mois, par virement",
        late_penalty_rate=D("12.5"),
    )


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return " ".join(text.replace("\u00a0", " ").split())


def test_pdf_shows_number_gross_and_recovery_indemnity() -> None:
    pdf = render_invoice_pdf(document())
    text = text_of(pdf)

    assert pdf.startswith(b"%PDF")
    assert "SAL-2026-000042" in text
    # 4500.00 + 86.45 net; VAT 900.00 + 4.75 (4.75475): gross 5491.20.
    assert "Total TTC : 5 491,20 EUR" in text
    assert "indemnité forfaitaire pour frais de recouvrement de 40 EUR" in text


def test_pdf_shows_parties_dates_breakdown_and_penalties() -> None:
    text = text_of(render_invoice_pdf(document()))

    for expected in (
        "Société Générale d'Études",
        "Crème & Brûlée SARL",
        "SIREN : 123456789",
        "FR05987654321",
        "02/03/2026",
        "01/04/2026",
        "5,5 %",
        "904,75 EUR",
        "taux annuel de 12,5 %",
        "Pas d'escompte",
    ):
        assert expected in text


def test_characters_outside_the_core_fonts_do_not_break_rendering() -> None:
    line = LineInput("Licence 日本 \u2013 “pro” œuvre", D("1"), D("9.99"), D("20"))

    text = text_of(render_invoice_pdf(document("EUR", line)))

    assert "Licence ?? \u2013 “pro” œuvre" in text


def test_long_descriptions_wrap_onto_more_pages() -> None:
    lines = [LineInput("Maintenance " * 40, D("1"), D("10"), D("20"))] * 12

    pdf = render_invoice_pdf(document("EUR", *lines))

    assert len(PdfReader(io.BytesIO(pdf)).pages) > 1
    assert "Total TTC : 144,00 EUR" in text_of(pdf)


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        ("1234567.5", "EUR", "1\u00a0234\u00a0567,50 EUR"),
        ("1216", "JPY", "1\u00a0216 JPY"),
        ("0.062", "KWD", "0,062 KWD"),
        ("0", "EUR", "0,00 EUR"),
    ],
)
def test_format_amount_uses_the_minor_unit(
    amount: str, currency: str, expected: str
) -> None:
    assert format_amount(D(amount), currency) == expected


def test_pdf_shows_allowances_prepaid_rounding_and_exemption() -> None:
    lines = [
        LineInput("Panier", D("1"), D("10.05"), D("20")),
        LineInput(
            "Formation",
            D("1"),
            D("100"),
            D("0"),
            vat_category=VatCategory.EXEMPT,
            exemption_reason="Exonération, art. 261-4-4° du CGI",
        ),
    ]
    totals = compute_totals(
        lines,
        "EUR",
        allowances=[AllowanceCharge(D("1.20"), "Remise", D("20"))],
        prepaid=D("50"),
        tax_inclusive=True,
    )
    doc = replace(
        document(),
        totals=totals,
        prices_include_vat=True,
        vat_exemption_note="Exonération, art. 261-4-4° du CGI",
    )

    text = text_of(render_invoice_pdf(doc))
    due = format_amount(totals.amount_due, "EUR").replace("\u00a0", " ")

    for expected in (
        "Prix unitaire TTC",
        "Remises HT : 1,00 EUR",
        "0 % (E)",
        "Déjà payé : 50,00 EUR",
        f"Net à payer : {due}",
        "art. 261-4-4° du CGI",
    ):
        assert expected in text
