"""Mentions in invoice comments: each person named hears of it, once.

Like the other handlers, this runs in the consumer's transaction: the in-app
notes are written and the e-mails only queued. The event carries no comment
text, so neither does what is sent: the reader follows the link to read it.
"""

import logging

from facturo_chassis import attributes
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing
from facturo_contracts.envelope import EventMeta
from facturo_notifications.domain import messages
from facturo_notifications.domain.messages import Kind, Mail, message_id
from facturo_notifications.domain.people import Person
from facturo_notifications.service_layer.deliveries import (
    Occasion,
    Recipient,
    notify_in_app,
    queue_email,
)
from facturo_notifications.service_layer.ports import Ports

logger = logging.getLogger(__name__)

# Who wrote it, when the directory no longer knows them.
SOMEONE = "Quelqu'un / Someone"


async def on_comment_added(
    event: invoicing.InvoiceCommentAdded,
    meta: EventMeta,
    uow: UnitOfWork,
    ports: Ports,
) -> None:
    """Tell every enabled person mentioned, never the author (inbox and mail)."""
    tag_current_span(
        invoice_id=event.invoice_id,
        department=event.department,
        **{attributes.INVOICE_NUMBER: event.number},
    )
    to_tell = [
        u for u in dict.fromkeys(event.mentioned_user_ids) if u != event.author_id
    ]
    if not to_tell:
        return
    about = Occasion(meta.id, Kind.INVOICE_MENTION, event.invoice_id, event.department)
    author = await ports.directory.person(event.author_id)
    author_name = author.display_name if author is not None else SOMEONE

    told = 0
    for user_id in to_tell:
        person = await ports.directory.person(user_id)
        if person is None or not person.enabled:
            logger.info("mentioned user %s is gone or disabled", user_id)
            continue
        await _tell(uow, ports, person, author_name, event, about)
        told += 1
    logger.info("comment %s notified to %d users", event.comment_id, told)


async def _tell(
    uow: UnitOfWork,
    ports: Ports,
    person: Person,
    author_name: str,
    event: invoicing.InvoiceCommentAdded,
    about: Occasion,
) -> None:
    note = messages.mention_note(event.number)
    await notify_in_app(uow, note, person.id, about)
    if not person.email:
        return
    link = messages.invoice_link(ports.portal_url, event.invoice_id)
    subject, body = messages.mentioned_for_user(
        person.display_name, author_name, event.number, link
    )
    to = Recipient("user", person.id)
    mail = Mail(
        to_address=person.email,
        to_name=person.display_name,
        subject=subject,
        body=body,
        message_id=message_id(about.event_id, to.id, ports.mail_domain),
    )
    await queue_email(uow, mail, to, about, ports.wake_sender)
