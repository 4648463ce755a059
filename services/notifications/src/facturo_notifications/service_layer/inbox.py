"""A person's in-app inbox: reading it and marking messages read."""

from datetime import UTC, datetime

from facturo_chassis.auth.policy import (
    Action,
    require,
    scope_filter,
    sees_department,
)
from facturo_chassis.auth.principal import Principal
from facturo_chassis.problems import NotFound
from facturo_chassis.telemetry import tag_current_span
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_notifications.adapters import repository
from facturo_notifications.adapters.orm import Notification


async def list_own(
    uow: UnitOfWork, principal: Principal, unread_only: bool, limit: int, offset: int
) -> tuple[list[Notification], int]:
    """Only the caller's own notifications, whoever the caller is."""
    require(principal, Action.NOTIFICATION_READ)
    return await repository.list_inbox(
        uow.session,
        principal.subject,
        scope_filter(principal, None),
        unread_only,
        limit,
        offset,
    )


async def mark_read(
    uow: UnitOfWork, principal: Principal, notification_id: str
) -> Notification:
    """Someone else's notification looks exactly like a missing one."""
    require(principal, Action.NOTIFICATION_READ)
    notification = await repository.get_notification(uow.session, notification_id)
    if notification is None or not _is_theirs(notification, principal):
        raise NotFound("not found")
    tag_current_span(
        invoice_id=notification.invoice_id, department=notification.department
    )
    if notification.read_at is None:
        notification.read_at = datetime.now(UTC)
    return notification


def _is_theirs(notification: Notification, principal: Principal) -> bool:
    department = notification.department
    return notification.recipient_id == principal.subject and (
        department is None or sees_department(principal, department)
    )
