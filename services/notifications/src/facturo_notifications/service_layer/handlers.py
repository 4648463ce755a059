"""What each event means for the people concerned: plain async functions.

Each takes (event, meta, uow, ports) and runs in the consumer's transaction.
E-mails are only queued here (see `deliveries`); the mail sender hands them to
the mail server after the commit, so consuming an event never waits on SMTP.
"""

import logging

from facturo_chassis import attributes
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import approvals, invoicing
from facturo_contracts.envelope import EventMeta
from facturo_notifications.domain import messages
from facturo_notifications.domain.messages import Kind, Mail, message_id
from facturo_notifications.domain.people import approvers_to_notify
from facturo_notifications.service_layer.deliveries import (
    Occasion,
    Recipient,
    notify_in_app,
    queue_email,
)
from facturo_notifications.service_layer.ports import Ports

logger = logging.getLogger(__name__)


async def on_invoice_issued(
    event: invoicing.InvoiceIssued, meta: EventMeta, uow: UnitOfWork, ports: Ports
) -> None:
    """Tell the author (inbox and mail) and the customer's contact (mail)."""
    tag_current_span(
        invoice_id=event.invoice_id,
        department=event.department,
        **{attributes.INVOICE_NUMBER: event.number},
    )
    about = Occasion(meta.id, Kind.INVOICE_ISSUED, event.invoice_id, event.department)
    author = await ports.directory.person(event.author_id)
    contact = await ports.customers.contact(event.customer_id)
    link = messages.invoice_link(ports.portal_url, event.invoice_id)

    await notify_in_app(uow, messages.issued_note(event), event.author_id, about)
    if author is not None and author.email:
        subject, body = messages.issued_for_author(event, author.display_name, link)
        to = Recipient("user", author.id)
        mail = _mail(author.email, author.display_name, subject, body, to, about, ports)
        await queue_email(uow, mail, to, about, ports.wake_sender)
    if contact is not None and contact.email:
        subject, body = messages.issued_for_customer(event)
        to = Recipient("customer_contact", contact.id)
        mail = _mail(contact.email, contact.name, subject, body, to, about, ports)
        await queue_email(uow, mail, to, about, ports.wake_sender)
    else:
        logger.info("customer %s has no e-mail address", event.customer_id)


async def on_invoice_returned(
    event: invoicing.InvoiceReturnedToDraft,
    meta: EventMeta,
    uow: UnitOfWork,
    ports: Ports,
) -> None:
    """Tell the author why the invoice came back (inbox and mail)."""
    tag_current_span(invoice_id=event.invoice_id, department=event.department)
    about = Occasion(meta.id, Kind.INVOICE_RETURNED, event.invoice_id, event.department)
    author_id = event.author_id
    author = await ports.directory.person(author_id)
    link = messages.invoice_link(ports.portal_url, event.invoice_id)

    await notify_in_app(uow, messages.returned_note(event), author_id, about)
    if author is not None and author.email:
        subject, body = messages.returned_for_author(event, author.display_name, link)
        to = Recipient("user", author.id)
        mail = _mail(author.email, author.display_name, subject, body, to, about, ports)
        await queue_email(uow, mail, to, about, ports.wake_sender)


async def on_approval_requested(
    event: approvals.ApprovalRequested,
    meta: EventMeta,
    uow: UnitOfWork,
    ports: Ports,
) -> None:
    """Put the request in the inbox of every approver but the author."""
    tag_current_span(
        invoice_id=event.invoice_id,
        department=event.department,
        **{attributes.APPROVAL_REQUEST_ID: event.request_id},
    )
    about = Occasion(
        meta.id, Kind.APPROVAL_REQUESTED, event.invoice_id, event.department
    )
    approvers = await ports.directory.approvers(event.department)
    note = messages.approval_requested_note(event)
    for approver in approvers_to_notify(approvers, event.author_id):
        await notify_in_app(uow, note, approver.id, about)
    logger.info(
        "approval request %s notified to %d approvers of %s",
        event.request_id,
        len(approvers_to_notify(approvers, event.author_id)),
        event.department,
    )


def _mail(
    address: str,
    name: str,
    subject: str,
    body: str,
    to: Recipient,
    about: Occasion,
    ports: Ports,
) -> Mail:
    """Its Message-ID is the same each time this event reaches `to`."""
    return Mail(
        to_address=address,
        to_name=name,
        subject=subject,
        body=body,
        message_id=message_id(about.event_id, to.id, ports.mail_domain),
    )
