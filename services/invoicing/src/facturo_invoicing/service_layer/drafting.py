"""A draft's content: from commands to domain amounts and stored rows, and back."""

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from facturo_invoicing.adapters.orm import Invoice, InvoiceAdjustment, InvoiceLine
from facturo_invoicing.domain.checks import delivery_problems
from facturo_invoicing.domain.currency import (
    ExchangeRate,
    check_exchange_rate,
    vat_in_accounting_currency,
)
from facturo_invoicing.domain.errors import InvalidInvoice
from facturo_invoicing.domain.inputs import (
    AllowanceCharge,
    Delivery,
    Discount,
    LineInput,
)
from facturo_invoicing.domain.money import check_currency
from facturo_invoicing.domain.totals import (
    AdjustmentAmounts,
    Totals,
    VatBreakdownEntry,
    compute_totals,
)
from facturo_invoicing.domain.vat import VatCategory
from facturo_invoicing.service_layer.commands import (
    CreateInvoice,
    DraftAdjustment,
    DraftLine,
)

ALLOWANCE, CHARGE = "allowance", "charge"


@dataclass(frozen=True)
class DraftFigures:
    """What a draft's content computes to."""

    totals: Totals
    accounting_currency: str
    exchange: ExchangeRate | None
    vat_accounting: Decimal | None


def compute_draft(draft: CreateInvoice, accounting_currency: str) -> DraftFigures:
    """Validate the draft's amounts and delivery; raise ``InvalidInvoice``
    listing every problem."""
    check_currency(draft.currency)
    exchange = _exchange(draft)
    check_exchange_rate(draft.currency, accounting_currency, exchange)
    delivery = list(delivery_problems(delivery_of(draft)))
    try:
        totals = compute_totals(
            [line_input(line) for line in draft.lines],
            draft.currency,
            allowances=[adjustment_input(a) for a in draft.allowances],
            charges=[adjustment_input(c) for c in draft.charges],
            prepaid=draft.prepaid,
            tax_inclusive=draft.tax_inclusive,
        )
    except InvalidInvoice as invalid:
        raise InvalidInvoice([*invalid.problems, *delivery]) from None
    if delivery:
        raise InvalidInvoice(delivery)
    vat_accounting = vat_in_accounting_currency(
        totals.vat, accounting_currency, exchange
    )
    return DraftFigures(totals, accounting_currency, exchange, vat_accounting)


def totals_of(invoice: Invoice) -> Totals:
    """The stored invoice's totals, recomputed from its stored content."""
    draft = draft_of(invoice)
    return compute_totals(
        [line_input(line) for line in draft.lines],
        draft.currency,
        allowances=[adjustment_input(a) for a in draft.allowances],
        charges=[adjustment_input(c) for c in draft.charges],
        prepaid=draft.prepaid,
        tax_inclusive=draft.tax_inclusive,
    )


def line_input(line: DraftLine) -> LineInput:
    discount = None
    if line.discount_percent is not None or line.discount_amount is not None:
        discount = Discount(line.discount_percent, line.discount_amount)
    return LineInput(
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        vat_rate=line.vat_rate,
        vat_category=_category(line.vat_category),
        discount=discount,
        unit=line.unit,
        exemption_reason=line.exemption_reason,
        exemption_code=line.exemption_code,
    )


def delivery_of(draft: CreateInvoice) -> Delivery:
    return Delivery(
        actual_date=draft.actual_delivery_date,
        period_start=draft.invoicing_period_start,
        period_end=draft.invoicing_period_end,
        country=draft.deliver_to_country,
        address=draft.deliver_to_address,
    )


def adjustment_input(item: DraftAdjustment) -> AllowanceCharge:
    return AllowanceCharge(
        amount=item.amount,
        reason=item.reason,
        vat_rate=item.vat_rate,
        vat_category=_category(item.vat_category),
        reason_code=item.reason_code,
        exemption_reason=item.exemption_reason,
        exemption_code=item.exemption_code,
    )


def apply_draft(invoice: Invoice, draft: CreateInvoice, figures: DraftFigures) -> None:
    """Write the draft's content and figures onto the stored invoice."""
    totals = figures.totals
    invoice.currency = draft.currency
    invoice.customer_id = draft.customer_id
    invoice.notes = list(draft.notes)
    invoice.purchase_order_reference = draft.purchase_order_reference
    invoice.buyer_reference = draft.buyer_reference
    _apply_delivery(invoice, delivery_of(draft))
    invoice.tax_inclusive = draft.tax_inclusive
    invoice.accounting_currency = figures.accounting_currency
    invoice.exchange_rate = figures.exchange.rate if figures.exchange else None
    invoice.exchange_rate_date = figures.exchange.on if figures.exchange else None
    invoice.vat_accounting = figures.vat_accounting
    _apply_totals(invoice, totals)
    invoice.lines = [
        _line_row(position, line, amounts.net, amounts.discount)
        for position, (line, amounts) in enumerate(
            zip(draft.lines, totals.lines, strict=True), start=1
        )
    ]
    invoice.adjustments = [
        *_adjustment_rows(ALLOWANCE, draft.allowances, totals.allowances),
        *_adjustment_rows(CHARGE, draft.charges, totals.charges),
    ]


def _apply_delivery(invoice: Invoice, delivery: Delivery) -> None:
    invoice.actual_delivery_date = delivery.actual_date
    invoice.invoicing_period_start = delivery.period_start
    invoice.invoicing_period_end = delivery.period_end
    invoice.deliver_to_country = delivery.country
    invoice.deliver_to_address = delivery.address


def _apply_totals(invoice: Invoice, totals: Totals) -> None:
    invoice.net, invoice.vat, invoice.gross = totals.net, totals.vat, totals.gross
    invoice.line_total = totals.line_total
    invoice.allowance_total = totals.allowance_total
    invoice.charge_total = totals.charge_total
    invoice.prepaid = totals.prepaid
    invoice.rounding = totals.rounding
    invoice.amount_due = totals.amount_due
    invoice.vat_breakdown = [_breakdown_row(entry) for entry in totals.breakdown]


def draft_of(invoice: Invoice) -> CreateInvoice:
    """The stored invoice's content, as the command that would create it."""
    return CreateInvoice(
        department=invoice.department,
        customer_id=invoice.customer_id,
        currency=invoice.currency,
        lines=tuple(_draft_line(line) for line in invoice.lines),
        allowances=_draft_adjustments(invoice, ALLOWANCE),
        charges=_draft_adjustments(invoice, CHARGE),
        notes=tuple(invoice.notes),
        purchase_order_reference=invoice.purchase_order_reference,
        buyer_reference=invoice.buyer_reference,
        tax_inclusive=invoice.tax_inclusive,
        prepaid=invoice.prepaid,
        exchange_rate=invoice.exchange_rate,
        exchange_rate_date=invoice.exchange_rate_date,
        actual_delivery_date=invoice.actual_delivery_date,
        invoicing_period_start=invoice.invoicing_period_start,
        invoicing_period_end=invoice.invoicing_period_end,
        deliver_to_country=invoice.deliver_to_country,
        deliver_to_address=invoice.deliver_to_address,
    )


def _breakdown_row(entry: VatBreakdownEntry) -> dict[str, str | None]:
    return {
        "category": entry.category.value,
        "rate": str(entry.rate),
        "taxable": str(entry.taxable),
        "vat": str(entry.vat),
        "exemption_reason": entry.exemption_reason,
        "exemption_code": entry.exemption_code,
    }


def _exchange(draft: CreateInvoice) -> ExchangeRate | None:
    if draft.exchange_rate is None:
        return None
    on = draft.exchange_rate_date or datetime.now(UTC).date()
    return ExchangeRate(draft.exchange_rate, on)


def _category(code: str | None) -> VatCategory | None:
    return VatCategory(code) if code else None


def _line_row(
    position: int, line: DraftLine, net: Decimal, discount: Decimal
) -> InvoiceLine:
    entered = line_input(line)
    return InvoiceLine(
        position=position,
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        vat_rate=line.vat_rate,
        vat_category=entered.category.value,
        unit=line.unit,
        discount_percent=line.discount_percent,
        discount_amount=line.discount_amount,
        discount=discount,
        exemption_reason=line.exemption_reason,
        exemption_code=line.exemption_code,
        net=net,
    )


def _adjustment_rows(
    kind: str,
    items: tuple[DraftAdjustment, ...],
    amounts: tuple[AdjustmentAmounts, ...],
) -> list[InvoiceAdjustment]:
    return [
        InvoiceAdjustment(
            kind=kind,
            position=position,
            amount=item.amount,
            net=computed.net,
            reason=item.reason,
            reason_code=item.reason_code,
            vat_category=computed.item.category.value,
            vat_rate=item.vat_rate,
            exemption_reason=item.exemption_reason,
            exemption_code=item.exemption_code,
        )
        for position, (item, computed) in enumerate(
            zip(items, amounts, strict=True), start=1
        )
    ]


def _draft_line(line: InvoiceLine) -> DraftLine:
    return DraftLine(
        description=line.description,
        quantity=line.quantity,
        unit_price=line.unit_price,
        vat_rate=line.vat_rate,
        vat_category=line.vat_category,
        unit=line.unit,
        discount_percent=line.discount_percent,
        discount_amount=line.discount_amount,
        exemption_reason=line.exemption_reason,
        exemption_code=line.exemption_code,
    )


def _draft_adjustments(invoice: Invoice, kind: str) -> tuple[DraftAdjustment, ...]:
    return tuple(
        DraftAdjustment(
            amount=row.amount,
            reason=row.reason,
            vat_rate=row.vat_rate,
            vat_category=row.vat_category,
            reason_code=row.reason_code,
            exemption_reason=row.exemption_reason,
            exemption_code=row.exemption_code,
        )
        for row in invoice.adjustments
        if row.kind == kind
    )
