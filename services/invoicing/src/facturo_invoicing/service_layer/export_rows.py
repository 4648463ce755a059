"""What an export says of an invoice: its row, its lines' rows, its VAT rows.

Column names are the API's field names. Amounts are rounded to the minor
unit of their currency, as the invoice states them.
"""

from collections.abc import Callable, Iterator
from decimal import Decimal

from facturo_invoicing.adapters.export_formats import Amount, Cell, Row
from facturo_invoicing.adapters.orm import Invoice
from facturo_invoicing.domain.money import minor_digits, round_money
from facturo_invoicing.service_layer.ledgers import refund_due_of

INVOICE_COLUMNS = (
    "id",
    "number",
    "department",
    "status",
    "customer_id",
    "customer_name",
    "customer_siren",
    "customer_vat_id",
    "issue_date",
    "due_date",
    "currency",
    "net",
    "vat",
    "gross",
    "amount_due",
    "paid",
    "credited",
    "outstanding",
    "refunded",
    "refund_due",
    "accounting_currency",
    "vat_accounting",
    "purchase_order_reference",
    "buyer_reference",
    "created_at",
)
LINE_COLUMNS = (
    "invoice_id",
    "number",
    "position",
    "description",
    "quantity",
    "unit",
    "unit_price",
    "discount",
    "vat_category",
    "vat_rate",
    "net",
    "currency",
)
VAT_COLUMNS = (
    "invoice_id",
    "number",
    "category",
    "rate",
    "taxable",
    "vat",
    "currency",
    "exemption_reason",
    "exemption_code",
)


def invoice_row(invoice: Invoice) -> Row:
    money = _money(invoice.currency)
    customer = invoice.customer
    return (
        invoice.id,
        invoice.number,
        invoice.department,
        invoice.status,
        customer.id,
        customer.name,
        customer.siren or None,
        customer.vat_id,
        invoice.issue_date,
        invoice.due_date,
        invoice.currency,
        money(invoice.net),
        money(invoice.vat),
        money(invoice.gross),
        money(invoice.amount_due),
        money(invoice.paid),
        money(invoice.credited),
        money(invoice.outstanding),
        money(invoice.refunded),
        None if invoice.outstanding is None else money(refund_due_of(invoice)),
        *_accounting(invoice),
        invoice.purchase_order_reference,
        invoice.buyer_reference,
        invoice.created_at,
    )


def line_rows(invoice: Invoice) -> Iterator[Row]:
    money = _money(invoice.currency)
    for line in invoice.lines:
        yield (
            invoice.id,
            invoice.number,
            line.position,
            line.description,
            line.quantity,
            line.unit,
            line.unit_price,
            money(line.discount),
            line.vat_category,
            line.vat_rate,
            money(line.net),
            invoice.currency,
        )


def vat_rows(invoice: Invoice) -> Iterator[Row]:
    money = _money(invoice.currency)
    for entry in invoice.vat_breakdown:
        yield (
            invoice.id,
            invoice.number,
            entry["category"],
            _decimal(entry["rate"]),
            money(_decimal(entry["taxable"])),
            money(_decimal(entry["vat"])),
            invoice.currency,
            entry.get("exemption_reason"),
            entry.get("exemption_code"),
        )


def _accounting(invoice: Invoice) -> tuple[Cell, Cell]:
    """BT-6 and BT-111, as the API shows them: only for a foreign currency."""
    currency = invoice.accounting_currency
    if currency is None or invoice.vat_accounting is None:
        return None, None
    return currency, _money(currency)(invoice.vat_accounting)


def _money(currency: str) -> Callable[[Decimal | None], Amount | None]:
    digits = minor_digits(currency)

    def amount(value: Decimal | None) -> Amount | None:
        if value is None:
            return None
        return Amount(round_money(value, currency), digits)

    return amount


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)
