"""What follows an approval decision: issue the invoice, or return it."""

import hashlib
import logging
from datetime import UTC, date, datetime, timedelta

from facturo_chassis.messaging.consumer import Poison
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.numbering import take_next_number
from facturo_invoicing.adapters.orm import Customer, Document, Invoice
from facturo_invoicing.adapters.pdf import InvoiceDocument, Party, render_invoice_pdf
from facturo_invoicing.domain.checks import shown_vat_ids
from facturo_invoicing.domain.inputs import VatIds
from facturo_invoicing.domain.sellers import address_lines
from facturo_invoicing.domain.status import InvoiceAction, InvoiceStatus, transition
from facturo_invoicing.service_layer.drafting import delivery_of, draft_of, totals_of
from facturo_invoicing.service_layer.invoices import bump_version, event_totals
from facturo_invoicing.service_layer.sellers import freeze, frozen, seller_of
from facturo_invoicing.settings import InvoicingSettings

logger = logging.getLogger(__name__)

PDF = "pdf"


class UnknownInvoice(Poison):
    """An approval names an invoice this service does not hold."""


async def approve_and_issue(
    granted: approvals.ApprovalGranted,
    uow: UnitOfWork,
    settings: InvoicingSettings,
    today: date | None = None,
) -> Invoice:
    """Approve, number, render and issue, all in the consumer's transaction."""
    invoice = await _invoice(uow, granted.invoice_id)
    if invoice.status != InvoiceStatus.SUBMITTED:
        logger.warning(
            "approval %s for invoice %s in status %s ignored",
            granted.request_id,
            invoice.id,
            invoice.status,
        )
        return invoice
    invoice.status = transition(InvoiceStatus(invoice.status), InvoiceAction.APPROVE)
    invoice.approval_request_id = granted.request_id
    await uow.publish(
        events.InvoiceApproved(
            invoice_id=invoice.id,
            department=invoice.department,
            approval_request_id=granted.request_id,
        )
    )
    await _issue(invoice, uow, settings, today or datetime.now(UTC).date())
    return invoice


async def return_to_draft(
    rejected: approvals.ApprovalRejected, uow: UnitOfWork
) -> None:
    invoice = await _invoice(uow, rejected.invoice_id)
    if invoice.status != InvoiceStatus.SUBMITTED:
        return
    invoice.status = transition(InvoiceStatus(invoice.status), InvoiceAction.REJECT)
    invoice.rejection_reason = rejected.reason
    bump_version(invoice)
    await uow.publish(
        events.InvoiceReturnedToDraft(
            invoice_id=invoice.id,
            department=invoice.department,
            approval_request_id=rejected.request_id,
            author_id=invoice.author_id,
            reason=rejected.reason,
        )
    )


async def _issue(
    invoice: Invoice, uow: UnitOfWork, settings: InvoicingSettings, today: date
) -> None:
    seller = await seller_of(uow.session, invoice.department, settings)
    freeze(invoice, seller)
    invoice.number = await take_next_number(
        uow.session, seller.siren, invoice.department, today
    )
    invoice.issue_date = today
    invoice.due_date = today + timedelta(days=invoice.customer.payment_terms_days)
    invoice.outstanding = invoice.amount_due
    invoice.status = transition(InvoiceStatus(invoice.status), InvoiceAction.ISSUE)
    bump_version(invoice)
    tag_current_span(invoice_id=invoice.id, department=invoice.department)
    uow.session.add(_pdf_document(invoice, settings))
    await uow.publish(
        events.InvoiceIssued(
            invoice_id=invoice.id,
            department=invoice.department,
            number=invoice.number,
            issue_date=invoice.issue_date,
            due_date=invoice.due_date,
            customer_id=invoice.customer_id,
            author_id=invoice.author_id,
            currency=invoice.currency,
            totals=event_totals(invoice),
            amount_due=invoice.amount_due,
            prepaid=invoice.prepaid,
            seller_legal_entity_id=seller.legal_entity_id,
            seller_siren=seller.siren,
        )
    )
    logger.info("invoice %s issued as %s", invoice.id, invoice.number)


def _pdf_document(invoice: Invoice, settings: InvoicingSettings) -> Document:
    content = render_invoice_pdf(_document(invoice, settings))
    return Document(
        invoice_id=invoice.id,
        kind=PDF,
        media_type="application/pdf",
        sha256=hashlib.sha256(content).hexdigest(),
        content=content,
        created_at=datetime.now(UTC),
    )


def _document(invoice: Invoice, settings: InvoicingSettings) -> InvoiceDocument:
    customer = invoice.customer
    assert invoice.number and invoice.issue_date and invoice.due_date
    totals = totals_of(invoice)
    reasons = [e.exemption_reason for e in totals.breakdown if e.exemption_reason]
    seller = frozen(invoice)
    assert seller is not None
    shown = shown_vat_ids(
        [entry.category for entry in totals.breakdown],
        VatIds(seller=seller.vat_id, buyer=customer.vat_id),
    )
    return InvoiceDocument(
        seller=Party(
            seller.name, seller.siren, shown.seller or "", address_lines(seller.address)
        ),
        buyer=Party(
            customer.name,
            customer.siren,
            shown.buyer or "",
            postal_lines(customer),
        ),
        number=invoice.number,
        issue_date=invoice.issue_date,
        due_date=invoice.due_date,
        currency=invoice.currency,
        totals=totals,
        payment_terms=f"Paiement à {customer.payment_terms_days} jours",
        late_penalty_rate=settings.late_penalty_rate,
        vat_exemption_note="; ".join(reasons) or None,
        prices_include_vat=invoice.tax_inclusive,
        delivery=delivery_of(draft_of(invoice)),
    )


def postal_lines(customer: Customer) -> tuple[str, ...]:
    town = " ".join(p for p in (customer.postcode, customer.city) if p)
    return (*customer.address_lines, *([town] if town else []))


async def _invoice(uow: UnitOfWork, invoice_id: str) -> Invoice:
    invoice = await repository.get_invoice(uow.session, invoice_id, lock=True)
    if invoice is None:
        raise UnknownInvoice(invoice_id)
    return invoice
