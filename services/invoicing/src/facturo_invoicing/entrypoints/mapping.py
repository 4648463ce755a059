"""From stored rows to HTTP schemas and from HTTP schemas to commands."""

from facturo_invoicing.adapters.orm import Invoice
from facturo_invoicing.entrypoints.schemas import (
    InvoiceCreate,
    InvoiceRead,
    LineRead,
    TotalsRead,
)
from facturo_invoicing.service_layer.commands import CreateInvoice, DraftLine


def invoice_read(invoice: Invoice) -> InvoiceRead:
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
        totals=TotalsRead(net=invoice.net, vat=invoice.vat, gross=invoice.gross),
        lines=[LineRead.model_validate(line) for line in invoice.lines],
        rejection_reason=invoice.rejection_reason,
        created_at=invoice.created_at,
        updated_at=invoice.updated_at,
    )


def create_command(body: InvoiceCreate) -> CreateInvoice:
    return CreateInvoice(
        department=body.department,
        customer_id=body.customer_id,
        currency=body.currency,
        lines=tuple(
            DraftLine(
                description=line.description,
                quantity=line.quantity,
                unit_price=line.unit_price,
                vat_rate=line.vat_rate,
            )
            for line in body.lines
        ),
    )
