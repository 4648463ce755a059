"""Invoice use cases: draft, submit, and the outcome of approval."""

import uuid
from datetime import UTC, datetime

from facturo_chassis.auth.policy import Action, authorize
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound, PreconditionFailed
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.orm import Invoice, InvoiceLine
from facturo_invoicing.domain.status import InvoiceAction, InvoiceStatus, transition
from facturo_invoicing.domain.totals import LineInput, Totals, compute_totals
from facturo_invoicing.service_layer.commands import CreateInvoice, SubmitInvoice


async def create_invoice(
    cmd: CreateInvoice, uow: UnitOfWork, principal: Principal
) -> Invoice:
    authorize(principal, Action.INVOICE_WRITE, cmd.department)
    customer = await repository.get_customer(uow.session, cmd.customer_id)
    if customer is None or customer.department != cmd.department:
        raise NotFound("no such customer in this department")
    totals = compute_totals(_inputs(cmd), cmd.currency)
    now = datetime.now(UTC)
    invoice = Invoice(
        id=str(uuid.uuid4()),
        department=cmd.department,
        customer=customer,
        author_id=principal.subject,
        author_username=principal.username,
        currency=cmd.currency,
        status=InvoiceStatus.DRAFT.value,
        version=1,
        created_at=now,
        updated_at=now,
    )
    _apply_totals(invoice, totals)
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


async def submit_invoice(
    cmd: SubmitInvoice, uow: UnitOfWork, principal: Principal
) -> Invoice:
    invoice = await visible_invoice(
        uow, principal, cmd.invoice_id, Action.INVOICE_SUBMIT
    )
    if cmd.expected_version is not None and cmd.expected_version != invoice.version:
        raise PreconditionFailed(
            f"the invoice is at version {invoice.version}, not {cmd.expected_version}"
        )
    invoice.status = transition(InvoiceStatus(invoice.status), InvoiceAction.SUBMIT)
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


async def visible_invoice(
    uow: UnitOfWork, principal: Principal, invoice_id: str, action: Action
) -> Invoice:
    """The invoice, if the caller may act on it; otherwise NotFound/Forbidden."""
    invoice = await repository.get_invoice(uow.session, invoice_id)
    if invoice is None:
        authorize(principal, action, "")  # refuse alike whether it exists or not
        raise NotFound("not found")
    authorize(principal, action, invoice.department)
    tag_current_span(invoice_id=invoice.id, department=invoice.department)
    return invoice


def event_totals(invoice: Invoice) -> events.Totals:
    return events.Totals(net=invoice.net, vat=invoice.vat, gross=invoice.gross)


def _inputs(cmd: CreateInvoice) -> list[LineInput]:
    return [
        LineInput(
            description=line.description,
            quantity=line.quantity,
            unit_price=line.unit_price,
            vat_rate=line.vat_rate,
        )
        for line in cmd.lines
    ]


def _apply_totals(invoice: Invoice, totals: Totals) -> None:
    invoice.net, invoice.vat, invoice.gross = totals.net, totals.vat, totals.gross
    invoice.lines = [
        InvoiceLine(
            position=position,
            description=amounts.line.description,
            quantity=amounts.line.quantity,
            unit_price=amounts.line.unit_price,
            vat_rate=amounts.line.vat_rate,
            net=amounts.net,
        )
        for position, amounts in enumerate(totals.lines, start=1)
    ]


def bump_version(invoice: Invoice) -> None:
    invoice.version += 1
    invoice.updated_at = datetime.now(UTC)
