"""A person's data in notifications: handed to identity, erased on
`PersonErased`.

Erased: the person's in-app notifications (deleted) and the e-mails still
waiting for them or for their address (cancelled, address, name and body
cleared, `NotificationCancelled`). Finished deliveries keep no address
already; their rows (ids, channel, status) stay as the record of what was
sent. An e-mail the sender is handing to the mail server at that very moment
may still go out: the sender then finds the row no longer pending.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal
from facturo_chassis.privacy import PersonalDataQuery, email_sha256, same_email
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity
from facturo_contracts.envelope import EventMeta
from facturo_notifications.adapters import personal_data
from facturo_notifications.adapters.orm import Delivery, Notification
from facturo_notifications.service_layer.deliveries import (
    cancel_pending_emails,
    delivery_event,
)

logger = logging.getLogger(__name__)

ERASED = "the recipient's personal data was erased"


@dataclass(frozen=True)
class NotificationsPart:
    inbox: list[Notification] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    disabled_at: datetime | None = None


async def collect_personal_data(
    query: PersonalDataQuery, uow: UnitOfWork, principal: Principal
) -> NotificationsPart:
    """For identity's export: the inbox, and the deliveries to the user or
    still waiting for the address."""
    require(principal, Action.PRIVACY_COLLECT)
    session, user_id = uow.session, query.user_id
    digest = email_sha256(query.email) if query.email else None
    waiting = await personal_data.pending_emails(session, lock=False)
    to_address = [d.id for d in waiting if same_email(d.to_address, digest)]
    disabled = await personal_data.disabled_at(session, user_id) if user_id else None
    return NotificationsPart(
        inbox=await personal_data.inbox_of(session, user_id) if user_id else [],
        deliveries=await personal_data.deliveries_to(session, user_id, to_address),
        disabled_at=disabled.disabled_at if disabled else None,
    )


async def on_person_erased(
    event: identity.PersonErased, meta: EventMeta, uow: UnitOfWork
) -> None:
    """Idempotent: a second pass finds no notification and nothing pending."""
    deleted = cancelled = 0
    if event.user_id is not None:
        deleted = await personal_data.delete_inbox(uow.session, event.user_id)
        cancelled = await cancel_pending_emails(uow, event.user_id, ERASED)
    if event.email_sha256 is not None:
        cancelled += await _cancel_to_address(uow, event.email_sha256)
    logger.info(
        "erasure %s: %d notifications deleted, %d e-mails cancelled",
        event.erasure_id,
        deleted,
        cancelled,
    )


async def _cancel_to_address(uow: UnitOfWork, digest: str) -> int:
    waiting = await personal_data.pending_emails(uow.session, lock=True)
    rows = [row for row in waiting if same_email(row.to_address, digest)]
    for row in rows:
        row.status = "cancelled"
        row.error = ERASED
        row.next_attempt_at = None
        row.forget_recipient()
        await uow.publish(delivery_event(row))
    return len(rows)
