"""Invoice use cases: draft, edit, submit."""

import dataclasses
import logging
import uuid
from datetime import UTC, datetime
from decimal import Decimal

from facturo_chassis.auth.policy import Action, authorize
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.orm import Customer, Invoice
from facturo_invoicing.domain.checks import intra_community_problems
from facturo_invoicing.domain.errors import InvalidInvoice, NotEditable
from facturo_invoicing.domain.status import (
    InvoiceAction,
    InvoiceStatus,
    is_editable,
    transition,
)
from facturo_invoicing.domain.vat import VatCategory, buyer_problems
from facturo_invoicing.service_layer.commands import (
    CreateInvoice,
    SubmitInvoice,
    UpdateInvoice,
)
from facturo_invoicing.service_layer.drafting import (
    apply_draft,
    compute_draft,
    delivery_of,
    draft_of,
)
from facturo_invoicing.service_layer.versions import check_version

logger = logging.getLogger(__name__)


async def create_invoice(
    cmd: CreateInvoice,
    uow: UnitOfWork,
    principal: Principal,
    accounting_currency: str = "EUR",
) -> Invoice:
    authorize(principal, Action.INVOICE_WRITE, cmd.department)
    customer = await invoiceable_customer(uow, cmd.customer_id, cmd.department)
    figures = compute_draft(cmd, accounting_currency)
    now = datetime.now(UTC)
    invoice = Invoice(
        id=str(uuid.uuid4()),
        department=cmd.department,
        customer=customer,
        author_id=principal.subject,
        author_username=principal.username,
        status=InvoiceStatus.DRAFT.value,
        version=1,
        paid=Decimal(0),
        credited=Decimal(0),
        refunded=Decimal(0),
        outstanding=None,
        created_at=now,
        updated_at=now,
    )
    apply_draft(invoice, cmd, figures)
    uow.session.add(invoice)
    await uow.session.flush()
    tag_current_span(invoice_id=invoice.id, department=invoice.department)
    await uow.publish(
        events.InvoiceCreated(
            invoice_id=invoice.id,
            department=invoice.department,
            customer_id=customer.id,
            author_id=invoice.author_id,
            currency=invoice.currency,
            totals=event_totals(invoice),
        )
    )
    return invoice


async def update_invoice(
    cmd: UpdateInvoice,
    uow: UnitOfWork,
    principal: Principal,
    accounting_currency: str = "EUR",
) -> Invoice:
    """Change a draft; a stale version or a non-draft is refused, unchanged."""
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.INVOICE_WRITE, lock=True
    )
    check_version(invoice, cmd.expected_version)
    if not is_editable(InvoiceStatus(invoice.status)):
        raise NotEditable(invoice.status)
    draft = dataclasses.replace(draft_of(invoice), **cmd.changes)
    if draft.department != invoice.department:
        authorize(principal, Action.INVOICE_WRITE, draft.department)
    customer = await invoiceable_customer(uow, draft.customer_id, draft.department)
    figures = compute_draft(draft, accounting_currency)
    invoice.department, invoice.customer = draft.department, customer
    apply_draft(invoice, draft, figures)
    bump_version(invoice)
    await uow.session.flush()
    await uow.publish(
        events.InvoiceUpdated(
            invoice_id=invoice.id,
            department=invoice.department,
            version=invoice.version,
            totals=event_totals(invoice),
            currency=invoice.currency,
            customer_id=invoice.customer_id,
        )
    )
    logger.info("invoice %s edited to version %s", invoice.id, invoice.version)
    return invoice


async def submit_invoice(
    cmd: SubmitInvoice, uow: UnitOfWork, principal: Principal
) -> Invoice:
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.INVOICE_SUBMIT, lock=True
    )
    check_version(invoice, cmd.expected_version)
    invoice.status = transition(InvoiceStatus(invoice.status), InvoiceAction.SUBMIT)
    check_submission(invoice)
    bump_version(invoice)
    await uow.publish(
        events.InvoiceSubmitted(
            invoice_id=invoice.id,
            department=invoice.department,
            customer_id=invoice.customer_id,
            author_id=invoice.author_id,
            currency=invoice.currency,
            totals=event_totals(invoice),
        )
    )
    return invoice


def check_submission(invoice: Invoice) -> None:
    """What a draft must have before approval: the buyer's identifiers, and
    the delivery information of an intra-community supply."""
    categories = [VatCategory(line.vat_category) for line in invoice.lines]
    categories += [VatCategory(row.vat_category) for row in invoice.adjustments]
    customer = invoice.customer
    problems = list(buyer_problems(categories, customer.vat_id, customer.siren or None))
    delivery = delivery_of(draft_of(invoice))
    problems += intra_community_problems(categories, delivery)
    if problems:
        raise InvalidInvoice(problems)


async def visible_invoice(
    uow: UnitOfWork,
    principal: Principal,
    invoice_id: str,
    action: Action,
    *,
    lock: bool = False,
) -> Invoice:
    """The invoice, if the caller may act on it; otherwise NotFound/Forbidden.

    ``lock`` holds the row until the unit of work ends, so that concurrent
    writers of one invoice queue and the later one sees the new version.
    """
    invoice = await repository.get_invoice(uow.session, invoice_id, lock=lock)
    if invoice is None:
        authorize(principal, action, "")  # refuse alike whether it exists or not
        raise NotFound("not found")
    authorize(principal, action, invoice.department)
    tag_current_span(invoice_id=invoice.id, department=invoice.department)
    return invoice


async def invoiceable_customer(
    uow: UnitOfWork, customer_id: str, department: str
) -> Customer:
    """The customer, if shared with `department`; otherwise 404 alike."""
    customer = await repository.get_customer(uow.session, customer_id)
    if customer is None or department not in customer.departments:
        raise NotFound("no such customer in this department")
    return customer


def event_totals(invoice: Invoice) -> events.Totals:
    return events.Totals(net=invoice.net, vat=invoice.vat, gross=invoice.gross)


def bump_version(invoice: Invoice) -> None:
    invoice.version += 1
    invoice.updated_at = datetime.now(UTC)
