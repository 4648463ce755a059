"""From stored rows to HTTP schemas and from HTTP schemas to commands."""

from datetime import UTC, date, datetime
from typing import Any

from facturo_invoicing.adapters.orm import Invoice, InvoiceLine
from facturo_invoicing.domain.money import round_money
from facturo_invoicing.domain.payments import is_overdue
from facturo_invoicing.entrypoints.schemas import (
    AccountingCurrencyRead,
    AdjustmentCreate,
    AdjustmentRead,
    DiscountRead,
    InvoiceCreate,
    InvoiceRead,
    InvoiceUpdate,
    LineCreate,
    LineRead,
    TotalsRead,
    VatBreakdownRead,
)
from facturo_invoicing.entrypoints.seller_mapping import seller_read
from facturo_invoicing.service_layer.commands import (
    CreateInvoice,
    DraftAdjustment,
    DraftLine,
    UpdateInvoice,
)
from facturo_invoicing.service_layer.drafting import ALLOWANCE, CHARGE
from facturo_invoicing.service_layer.ledgers import refund_due_of


def invoice_read(invoice: Invoice, today: date | None = None) -> InvoiceRead:
    return InvoiceRead(
        id=invoice.id,
        department=invoice.department,
        customer_id=invoice.customer_id,
        customer_name=invoice.customer.name,
        author_id=invoice.author_id,
        author_username=invoice.author_username,
        currency=invoice.currency,
        status=invoice.status,
        version=invoice.version,
        number=invoice.number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        seller=seller_read(invoice),
        tax_inclusive=invoice.tax_inclusive,
        totals=_totals_read(invoice),
        accounting=_accounting_read(invoice),
        lines=[_line_read(line) for line in invoice.lines],
        allowances=_adjustments_read(invoice, ALLOWANCE),
        charges=_adjustments_read(invoice, CHARGE),
        notes=list(invoice.notes),
        purchase_order_reference=invoice.purchase_order_reference,
        buyer_reference=invoice.buyer_reference,
        actual_delivery_date=invoice.actual_delivery_date,
        invoicing_period_start=invoice.invoicing_period_start,
        invoicing_period_end=invoice.invoicing_period_end,
        deliver_to_country=invoice.deliver_to_country,
        deliver_to_address=invoice.deliver_to_address,
        rejection_reason=invoice.rejection_reason,
        sent_at=invoice.sent_at,
        credited=round_money(invoice.credited, invoice.currency),
        paid=round_money(invoice.paid, invoice.currency),
        outstanding=invoice.outstanding,
        refunded=round_money(invoice.refunded, invoice.currency),
        refund_due=refund_due_of(invoice),
        overdue=is_late(invoice, today or utc_today()),
        created_at=invoice.created_at,
        updated_at=invoice.updated_at,
    )


def is_late(invoice: Invoice, today: date) -> bool:
    if invoice.due_date is None or invoice.outstanding is None:
        return False
    return is_overdue(invoice.due_date, today, invoice.outstanding)


def utc_today() -> date:
    return datetime.now(UTC).date()


def _totals_read(invoice: Invoice) -> TotalsRead:
    return TotalsRead(
        line_total=invoice.line_total,
        allowance_total=invoice.allowance_total,
        charge_total=invoice.charge_total,
        net=invoice.net,
        vat=invoice.vat,
        gross=invoice.gross,
        prepaid=invoice.prepaid,
        rounding=invoice.rounding,
        amount_due=invoice.amount_due,
        vat_breakdown=[VatBreakdownRead(**row) for row in invoice.vat_breakdown],
    )


def _accounting_read(invoice: Invoice) -> AccountingCurrencyRead | None:
    if invoice.exchange_rate is None or invoice.vat_accounting is None:
        return None
    assert invoice.accounting_currency and invoice.exchange_rate_date
    return AccountingCurrencyRead(
        currency=invoice.accounting_currency,
        exchange_rate=invoice.exchange_rate,
        exchange_rate_date=invoice.exchange_rate_date,
        vat=invoice.vat_accounting,
    )


def _line_read(line: InvoiceLine) -> LineRead:
    discount = None
    if line.discount_percent is not None or line.discount_amount is not None:
        discount = DiscountRead(
            percent=line.discount_percent, amount=line.discount_amount
        )
    return LineRead(
        position=line.position,
        description=line.description,
        quantity=line.quantity,
        unit=line.unit,
        unit_price=line.unit_price,
        discount=discount,
        discount_total=line.discount,
        vat_rate=line.vat_rate,
        vat_category=line.vat_category,
        exemption_reason=line.exemption_reason,
        exemption_code=line.exemption_code,
        net=line.net,
    )


def _adjustments_read(invoice: Invoice, kind: str) -> list[AdjustmentRead]:
    return [
        AdjustmentRead.model_validate(row)
        for row in invoice.adjustments
        if row.kind == kind
    ]


def create_command(body: InvoiceCreate) -> CreateInvoice:
    return CreateInvoice(
        department=body.department,
        customer_id=body.customer_id,
        **_content(
            body, set(InvoiceCreate.model_fields) - {"department", "customer_id"}
        ),
    )


def update_command(
    invoice_id: str, expected_version: int | None, body: InvoiceUpdate
) -> UpdateInvoice:
    return UpdateInvoice(
        invoice_id=invoice_id,
        expected_version=expected_version,
        changes=_content(body, body.model_fields_set),
    )


def _content(body: InvoiceCreate | InvoiceUpdate, fields: set[str]) -> dict[str, Any]:
    """The named fields of ``body``, as `CreateInvoice` takes them."""
    content: dict[str, Any] = {}
    for name in fields:
        value = getattr(body, name)
        if name == "lines":
            value = tuple(_draft_line(line) for line in value)
        elif name in ("allowances", "charges"):
            value = tuple(_draft_adjustment(item) for item in value)
        elif name == "notes":
            value = tuple(value)
        content[name] = value
    return content


def _draft_line(line: LineCreate) -> DraftLine:
    discount = line.discount
    return DraftLine(
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        vat_rate=line.vat_rate,
        vat_category=line.vat_category,
        unit=line.unit,
        discount_percent=discount.percent if discount else None,
        discount_amount=discount.amount if discount else None,
        exemption_reason=line.exemption_reason,
        exemption_code=line.exemption_code,
    )


def _draft_adjustment(item: AdjustmentCreate) -> DraftAdjustment:
    return DraftAdjustment(
        amount=item.amount,
        reason=item.reason,
        vat_rate=item.vat_rate,
        vat_category=item.vat_category,
        reason_code=item.reason_code,
        exemption_reason=item.exemption_reason,
        exemption_code=item.exemption_code,
    )
