"""What follows a credit note's approval: issue it, or return it to draft.

Issuing locks the invoice row first, so two credit notes of one invoice are
issued one after the other; each is checked against those issued before it
in the same transaction that numbers it. One that no longer fits goes back
to its author as a draft, with the reason.
"""

import hashlib
import logging
from datetime import UTC, date, datetime
from decimal import Decimal, localcontext

from facturo_chassis.messaging.consumer import Poison
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.credit_note_pdf import (
    CreditGroupText,
    CreditLineText,
    CreditNoteDocument,
    render_credit_note_pdf,
)
from facturo_invoicing.adapters.numbering import take_next_credit_note_number
from facturo_invoicing.adapters.orm import CreditNote, Invoice
from facturo_invoicing.adapters.pdf import Party
from facturo_invoicing.domain import credit_notes as credits
from facturo_invoicing.domain.checks import shown_vat_ids
from facturo_invoicing.domain.credit_note_status import (
    CreditNoteAction,
    CreditNoteStatus,
    transition,
)
from facturo_invoicing.domain.inputs import VatIds
from facturo_invoicing.domain.money import MONEY_CONTEXT, round_money
from facturo_invoicing.domain.payments import balance_status
from facturo_invoicing.domain.sellers import address_lines
from facturo_invoicing.domain.status import SETTLING, InvoiceStatus
from facturo_invoicing.domain.vat import VatCategory
from facturo_invoicing.service_layer.credit_amounts import amounts_of, creditable
from facturo_invoicing.service_layer.credit_notes import (
    bump_version,
    issued_amounts,
    note_totals,
)
from facturo_invoicing.service_layer.invoices import bump_version as bump_invoice
from facturo_invoicing.service_layer.issuing import postal_lines
from facturo_invoicing.service_layer.ledgers import refund_due_of
from facturo_invoicing.service_layer.sellers import default_seller, freeze, frozen
from facturo_invoicing.settings import InvoicingSettings

logger = logging.getLogger(__name__)

NO_ROOM = (
    credits.CreditExceedsInvoice,
    credits.NothingLeftToCredit,
    credits.LinesNoLongerCreditable,
)


class UnknownCreditNote(Poison):
    """An approval names a credit note this service does not hold."""


async def issue_credit_note(
    granted: approvals.ApprovalGranted,
    uow: UnitOfWork,
    settings: InvoicingSettings,
    today: date | None = None,
) -> CreditNote:
    """Check, number, render and issue, all in the consumer's transaction."""
    assert granted.credit_note_id is not None
    invoice = await _locked_invoice(uow, granted.invoice_id)
    note = await _note(uow, granted.credit_note_id)
    if note.status != CreditNoteStatus.SUBMITTED:
        logger.warning(
            "approval %s for credit note %s in status %s ignored",
            granted.request_id,
            note.id,
            note.status,
        )
        return note
    note.approval_request_id = granted.request_id
    earlier = await issued_amounts(uow, invoice, but=note.id)
    try:
        credits.check_still_fits(creditable(invoice), earlier, amounts_of(note))
    except NO_ROOM as refused:
        await _return(note, uow, str(refused), granted.request_id)
        logger.info("credit note %s refused at issue: %s", note.id, refused)
        return note
    await _issue(note, invoice, uow, settings, today or datetime.now(UTC).date())
    return note


async def return_credit_note_to_draft(
    rejected: approvals.ApprovalRejected, uow: UnitOfWork
) -> None:
    assert rejected.credit_note_id is not None
    note = await _note(uow, rejected.credit_note_id)
    if note.status != CreditNoteStatus.SUBMITTED:
        return
    await _return(note, uow, rejected.reason, rejected.request_id)


async def _issue(
    note: CreditNote,
    invoice: Invoice,
    uow: UnitOfWork,
    settings: InvoicingSettings,
    today: date,
) -> None:
    # The invoice's seller as frozen on it, not the department's entity today.
    seller = frozen(invoice) or default_seller(settings)
    freeze(note, seller)
    note.number = await take_next_credit_note_number(
        uow.session, seller.siren, note.department, today
    )
    note.issue_date = today
    note.status = transition(note.status, CreditNoteAction.ISSUE).value
    note.pdf = render_credit_note_pdf(_document(note, invoice))
    note.pdf_sha256 = hashlib.sha256(note.pdf).hexdigest()
    bump_version(note)
    _credit(invoice, note.gross)
    tag_current_span(invoice_id=invoice.id, department=invoice.department)
    assert invoice.number is not None and invoice.outstanding is not None
    await uow.publish(
        events.CreditNoteIssued(
            invoice_id=invoice.id,
            department=invoice.department,
            credit_note_id=note.id,
            number=note.number,
            issue_date=today,
            invoice_number=invoice.number,
            author_id=note.author_id,
            currency=note.currency,
            totals=note_totals(note),
            outstanding=invoice.outstanding,
            refund_due=refund_due_of(invoice),
            seller_legal_entity_id=seller.legal_entity_id,
            seller_siren=seller.siren,
        )
    )
    logger.info("credit note %s issued as %s", note.id, note.number)


def _credit(invoice: Invoice, gross: Decimal) -> None:
    """The invoice owes ``gross`` less; a payable one may be paid by now, or
    paid beyond what it owes (``refund_due``: finance pays the rest back)."""
    with localcontext(MONEY_CONTEXT):
        invoice.credited = invoice.credited + gross
        due = invoice.amount_due - invoice.credited
        balance = due - invoice.paid + invoice.refunded
    invoice.outstanding = max(balance, round_money(Decimal(0), invoice.currency))
    if InvoiceStatus(invoice.status) in SETTLING and invoice.paid:
        sums = balance_status(due, invoice.paid, invoice.refunded)
        invoice.status = sums.value
    bump_invoice(invoice)


async def _return(
    note: CreditNote, uow: UnitOfWork, reason: str, request_id: str
) -> None:
    note.status = transition(note.status, CreditNoteAction.RETURN).value
    note.returned_reason = reason
    bump_version(note)
    await uow.publish(
        events.CreditNoteReturnedToDraft(
            invoice_id=note.invoice_id,
            department=note.department,
            credit_note_id=note.id,
            author_id=note.author_id,
            reason=reason,
            approval_request_id=request_id,
        )
    )


def _document(note: CreditNote, invoice: Invoice) -> CreditNoteDocument:
    assert note.number and note.issue_date and invoice.number and invoice.issue_date
    customer = invoice.customer
    amounts = amounts_of(note)
    seller = frozen(note)
    assert seller is not None
    shown = shown_vat_ids(
        [VatCategory(group.vat_category) for group in amounts.groups],
        VatIds(seller=seller.vat_id, buyer=customer.vat_id),
    )
    return CreditNoteDocument(
        seller=Party(
            seller.name, seller.siren, shown.seller or "", address_lines(seller.address)
        ),
        buyer=Party(
            customer.name, customer.siren, shown.buyer or "", postal_lines(customer)
        ),
        number=note.number,
        issue_date=note.issue_date,
        invoice_number=invoice.number,
        invoice_issue_date=invoice.issue_date,
        reason=note.reason,
        currency=note.currency,
        lines=tuple(_line_text(line, invoice) for line in amounts.lines),
        groups=tuple(
            CreditGroupText(g.vat_rate, g.vat_category, g.taxable, g.vat)
            for g in amounts.groups
        ),
        net=note.net,
        vat=note.vat,
        gross=note.gross,
    )


def _line_text(line: credits.CreditLine, invoice: Invoice) -> CreditLineText:
    if line.source is None:
        description = "Avoir sur montant"
    else:
        description = invoice.lines[line.source].description
    return CreditLineText(
        description, line.quantity, line.unit_price, line.vat_rate, line.net
    )


async def _locked_invoice(uow: UnitOfWork, invoice_id: str) -> Invoice:
    invoice = await repository.get_invoice(uow.session, invoice_id, lock=True)
    if invoice is None:
        raise UnknownCreditNote(f"no invoice {invoice_id}")
    return invoice


async def _note(uow: UnitOfWork, credit_note_id: str) -> CreditNote:
    note = await repository.get_credit_note(uow.session, credit_note_id, lock=True)
    if note is None:
        raise UnknownCreditNote(credit_note_id)
    return note
