"""Delivering one notification to one recipient, at most once per event.

Each delivery runs inside the consumer's transaction, in this order: look for
the delivery row of (event, channel, recipient), send, insert the row, publish
`NotificationDelivered` (or `NotificationFailed`) through the outbox. A
redelivered event finds the row and sends nothing.

At-least-once, not exactly-once: if the process dies, or a later step of the
same event fails, after the mail server accepted a message but before the
transaction commits, the retry sends that message again. Its Message-ID is
derived from the event id and the recipient, so the copy is recognisable.
"""

import logging
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts.notifications import (
    Channel,
    NotificationDelivered,
    NotificationFailed,
    RecipientKind,
)
from facturo_notifications.adapters import repository
from facturo_notifications.adapters.mailer import Mailer, MailRejected
from facturo_notifications.adapters.orm import Delivery, Notification
from facturo_notifications.domain.messages import Kind, Mail, Note

logger = logging.getLogger(__name__)

DELIVERY_IDS = uuid.UUID("6f1c1f0e-6a53-4f3e-9d55-4a0f0c7b8e21")

Status = Literal["sent", "failed"]


@dataclass(frozen=True)
class Occasion:
    """The event a notification answers, and what it is about."""

    event_id: str
    kind: Kind
    invoice_id: str | None
    department: str | None


@dataclass(frozen=True)
class Recipient:
    kind: RecipientKind
    id: str


def delivery_id(event_id: str, channel: Channel, recipient_id: str) -> str:
    """Stable across redeliveries, so delivery events can be matched."""
    return str(uuid.uuid5(DELIVERY_IDS, f"{event_id}/{channel}/{recipient_id}"))


async def send_email(
    uow: UnitOfWork, mailer: Mailer, mail: Mail, to: Recipient, about: Occasion
) -> None:
    """Send unless already sent; a transient failure raises (the consumer
    retries, then dead-letters), a permanent refusal is recorded as failed."""
    if await repository.delivery_exists(uow.session, about.event_id, "email", to.id):
        logger.info("e-mail for event %s to %s already sent", about.event_id, to.id)
        return
    try:
        await mailer.send(mail)
    except MailRejected as error:
        logger.warning("e-mail to %s %s refused: %s", to.kind, to.id, error)
        await _record(uow, "email", to, about, "failed", str(error))
        return
    logger.info("e-mail %s sent to %s %s", about.kind, to.kind, to.id)
    await _record(uow, "email", to, about, "sent", None)


async def notify_in_app(
    uow: UnitOfWork, note: Note, recipient_id: str, about: Occasion
) -> None:
    to = Recipient(kind="user", id=recipient_id)
    if await repository.delivery_exists(
        uow.session, about.event_id, "in_app", recipient_id
    ):
        return
    uow.session.add(
        Notification(
            id=str(uuid.uuid4()),
            recipient_id=recipient_id,
            kind=note.kind.value,
            title=note.title,
            body=note.body,
            invoice_id=about.invoice_id,
            department=about.department,
            created_at=datetime.now(UTC),
            read_at=None,
        )
    )
    await _record(uow, "in_app", to, about, "sent", None)


async def _record(
    uow: UnitOfWork,
    channel: Channel,
    to: Recipient,
    about: Occasion,
    status: Status,
    error: str | None,
) -> None:
    row = Delivery(
        id=delivery_id(about.event_id, channel, to.id),
        event_id=about.event_id,
        channel=channel,
        recipient_kind=to.kind,
        recipient_id=to.id,
        invoice_id=about.invoice_id,
        department=about.department,
        status=status,
        error=error,
        created_at=datetime.now(UTC),
    )
    uow.session.add(row)
    await uow.session.flush()
    await uow.publish(_event(row, channel, to, about.kind))


def _event(
    row: Delivery, channel: Channel, to: Recipient, kind: Kind
) -> NotificationDelivered | NotificationFailed:
    if row.status == "failed":
        return NotificationFailed(
            delivery_id=row.id,
            channel=channel,
            recipient_kind=to.kind,
            recipient_id=row.recipient_id,
            invoice_id=row.invoice_id,
            department=row.department,
            error=row.error or "",
        )
    return NotificationDelivered(
        delivery_id=row.id,
        channel=channel,
        recipient_kind=to.kind,
        recipient_id=row.recipient_id,
        invoice_id=row.invoice_id,
        department=row.department,
        reason=kind.value,
    )
