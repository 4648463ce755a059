"""Recording what one event means for one recipient, at most once per event.

Everything here runs inside the consumer's transaction and never touches a
mail server. An in-app notification is written and its delivery recorded
`sent`, with `NotificationDelivered` in the outbox. An e-mail is only queued:
a `pending` delivery row holds the composed message (the mail outbox), and
the sender (`sending`) hands it to the mail server after this transaction
commits. A redelivered event finds the delivery rows and records nothing.

Nothing is recorded for a person whose account is disabled, and the e-mails
still waiting for them are cancelled (`cancelled`, the address and body
cleared, `NotificationCancelled`); so are those about a department they left.
An e-mail the sender is handing to the mail server at that very moment may
still go out: the sender then finds the row no longer pending.
"""

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, cast

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from facturo_chassis.telemetry import current_trace_headers
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts.notifications import (
    Channel,
    NotificationCancelled,
    NotificationDelivered,
    NotificationFailed,
    RecipientKind,
)
from facturo_notifications.adapters import repository
from facturo_notifications.adapters.orm import Delivery, Notification
from facturo_notifications.domain.messages import Kind, Mail, Note

logger = logging.getLogger(__name__)

DELIVERY_IDS = uuid.UUID("6f1c1f0e-6a53-4f3e-9d55-4a0f0c7b8e21")

Status = Literal["pending", "sent", "failed", "cancelled"]


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


async def queue_email(
    uow: UnitOfWork,
    mail: Mail,
    to: Recipient,
    about: Occasion,
    wake_sender: Callable[[], None],
) -> None:
    """Record the e-mail as `pending`, due now, unless already recorded.

    `wake_sender` is called once this transaction commits, never if it
    rolls back.
    """
    if await _disabled(uow, to):
        return
    if await repository.delivery_exists(uow.session, about.event_id, "email", to.id):
        logger.info("e-mail for event %s to %s already queued", about.event_id, to.id)
        return
    now = datetime.now(UTC)
    row = _row("email", to, about, "pending", now)
    row.to_address = mail.to_address
    row.to_name = mail.to_name
    row.subject = mail.subject
    row.body = mail.body
    row.message_id = mail.message_id
    row.trace_context = current_trace_headers() or None
    row.next_attempt_at = now
    uow.session.add(row)
    await uow.session.flush()
    _call_after_commit(uow.session, wake_sender)
    logger.info("e-mail %s queued for %s %s", about.kind, to.kind, to.id)


async def notify_in_app(
    uow: UnitOfWork, note: Note, recipient_id: str, about: Occasion
) -> None:
    to = Recipient(kind="user", id=recipient_id)
    if await _disabled(uow, to):
        return
    if await repository.delivery_exists(
        uow.session, about.event_id, "in_app", recipient_id
    ):
        return
    now = datetime.now(UTC)
    uow.session.add(
        Notification(
            id=str(uuid.uuid4()),
            recipient_id=recipient_id,
            kind=note.kind.value,
            title=note.title,
            body=note.body,
            invoice_id=about.invoice_id,
            department=about.department,
            created_at=now,
            read_at=None,
        )
    )
    row = _row("in_app", to, about, "sent", now)
    uow.session.add(row)
    await uow.session.flush()
    await uow.publish(delivery_event(row))


async def cancel_pending_emails(
    uow: UnitOfWork, user_id: str, reason: str, department: str | None = None
) -> int:
    """Cancel the e-mails still waiting for `user_id` (about `department`
    only, if given); `reason` goes in `error` and the event. How many."""
    rows = await repository.pending_emails_to(uow.session, user_id, department)
    for row in rows:
        row.status = "cancelled"
        row.error = reason
        row.next_attempt_at = None
        row.forget_recipient()
        await uow.publish(delivery_event(row))
    if rows:
        logger.info("%d e-mails to %s cancelled: %s", len(rows), user_id, reason)
    return len(rows)


async def _disabled(uow: UnitOfWork, to: Recipient) -> bool:
    if to.kind != "user" or not await repository.is_disabled(uow.session, to.id):
        return False
    logger.info("nothing recorded for %s: the account is disabled", to.id)
    return True


def delivery_event(
    row: Delivery,
) -> NotificationDelivered | NotificationFailed | NotificationCancelled:
    """The event of a finished delivery: ids and facts, never an address."""
    channel = cast(Channel, row.channel)
    recipient_kind = cast(RecipientKind, row.recipient_kind)
    if row.status == "cancelled":
        return NotificationCancelled(
            delivery_id=row.id,
            channel=channel,
            recipient_kind=recipient_kind,
            recipient_id=row.recipient_id,
            invoice_id=row.invoice_id,
            department=row.department,
            reason=row.error or "",
        )
    if row.status == "failed":
        return NotificationFailed(
            delivery_id=row.id,
            channel=channel,
            recipient_kind=recipient_kind,
            recipient_id=row.recipient_id,
            invoice_id=row.invoice_id,
            department=row.department,
            error=row.error or "",
        )
    return NotificationDelivered(
        delivery_id=row.id,
        channel=channel,
        recipient_kind=recipient_kind,
        recipient_id=row.recipient_id,
        invoice_id=row.invoice_id,
        department=row.department,
        reason=row.kind or "",
    )


def _row(
    channel: Channel, to: Recipient, about: Occasion, status: Status, now: datetime
) -> Delivery:
    return Delivery(
        id=delivery_id(about.event_id, channel, to.id),
        event_id=about.event_id,
        channel=channel,
        recipient_kind=to.kind,
        recipient_id=to.id,
        invoice_id=about.invoice_id,
        department=about.department,
        status=status,
        error=None,
        created_at=now,
        kind=about.kind.value,
        attempts=0,
    )


def _call_after_commit(session: AsyncSession, callback: Callable[[], None]) -> None:
    def after_commit(_session: Session) -> None:
        callback()

    event.listen(session.sync_session, "after_commit", after_commit, once=True)
