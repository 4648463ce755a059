"""Credit note use cases: draft one against an issued invoice, submit it.

The amounts are the domain's plan against the credit notes already issued;
drafts and submitted notes take no room until they are issued, where the
plan is checked again (`crediting`).
"""

import logging
import uuid
from datetime import UTC, datetime

from facturo_chassis.auth.policy import Action, authorize
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.orm import CreditNote, Invoice
from facturo_invoicing.domain.credit_note_status import (
    CreditNoteAction,
    CreditNoteStatus,
    check_creditable,
    transition,
)
from facturo_invoicing.domain.credit_notes import CreditKind, CreditNoteAmounts
from facturo_invoicing.service_layer.commands import CreateCreditNote, SubmitCreditNote
from facturo_invoicing.service_layer.credit_amounts import (
    amounts_of,
    creditable,
    plan,
    store_amounts,
)
from facturo_invoicing.service_layer.invoices import visible_invoice
from facturo_invoicing.service_layer.versions import check_version

logger = logging.getLogger(__name__)


async def create_credit_note(
    cmd: CreateCreditNote, uow: UnitOfWork, principal: Principal
) -> CreditNote:
    """A draft credit note; refused if the invoice has nothing left to credit."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.CREDIT_NOTE_WRITE, lock=True
    )
    check_creditable(invoice.status)
    kind = CreditKind(cmd.kind)
    amounts = plan(
        creditable(invoice), await issued_amounts(uow, invoice), kind, cmd.request
    )
    now = datetime.now(UTC)
    note = CreditNote(
        id=str(uuid.uuid4()),
        invoice_id=invoice.id,
        department=invoice.department,
        kind=kind.value,
        request=dict(cmd.request),
        reason=cmd.reason.strip(),
        status=CreditNoteStatus.DRAFT.value,
        currency=invoice.currency,
        author_id=principal.subject,
        author_username=principal.username,
        version=1,
        created_at=now,
        updated_at=now,
    )
    store_amounts(note, amounts)
    uow.session.add(note)
    await uow.session.flush()
    await uow.publish(
        events.CreditNoteCreated(
            invoice_id=invoice.id,
            department=invoice.department,
            credit_note_id=note.id,
            author_id=note.author_id,
            kind=note.kind,
            currency=note.currency,
            totals=note_totals(note),
        )
    )
    logger.info("credit note %s drafted for invoice %s", note.id, invoice.id)
    return note


async def submit_credit_note(
    cmd: SubmitCreditNote, uow: UnitOfWork, principal: Principal
) -> CreditNote:
    """Plan again against what is issued by now, and ask for approval."""
    note = await visible_credit_note(
        uow, principal, cmd.credit_note_id, Action.CREDIT_NOTE_WRITE, lock=True
    )
    check_version(note, cmd.expected_version)
    note.status = transition(note.status, CreditNoteAction.SUBMIT).value
    invoice = await _invoice_of(uow, note)
    earlier = await issued_amounts(uow, invoice)
    store_amounts(
        note, plan(creditable(invoice), earlier, CreditKind(note.kind), note.request)
    )
    note.returned_reason = None
    bump_version(note)
    assert invoice.number is not None
    await uow.publish(
        events.CreditNoteSubmitted(
            invoice_id=invoice.id,
            department=note.department,
            credit_note_id=note.id,
            author_id=note.author_id,
            currency=note.currency,
            gross=note.gross,
            invoice_number=invoice.number,
        )
    )
    logger.info("credit note %s submitted", note.id)
    return note


async def visible_credit_note(
    uow: UnitOfWork,
    principal: Principal,
    credit_note_id: str,
    action: Action,
    *,
    lock: bool = False,
) -> CreditNote:
    """The credit note, if the caller may act on it; otherwise NotFound/Forbidden."""
    note = await repository.get_credit_note(uow.session, credit_note_id, lock=lock)
    if note is None:
        authorize(principal, action, "")  # refuse alike whether it exists or not
        raise NotFound("not found")
    authorize(principal, action, note.department)
    tag_current_span(invoice_id=note.invoice_id, department=note.department)
    return note


async def issued_amounts(
    uow: UnitOfWork, invoice: Invoice, but: str | None = None
) -> list[CreditNoteAmounts]:
    """The amounts of the invoice's issued credit notes (but one, if named)."""
    issued = await repository.list_credit_notes(
        uow.session, invoice.id, CreditNoteStatus.ISSUED.value
    )
    return [amounts_of(note) for note in issued if note.id != but]


async def _invoice_of(uow: UnitOfWork, note: CreditNote) -> Invoice:
    invoice = await repository.get_invoice(uow.session, note.invoice_id)
    assert invoice is not None, "a credit note's invoice is never deleted"
    return invoice


def note_totals(note: CreditNote) -> events.Totals:
    return events.Totals(net=note.net, vat=note.vat, gross=note.gross)


def bump_version(note: CreditNote) -> None:
    note.version += 1
    note.updated_at = datetime.now(UTC)
