"""The caller's own in-app inbox."""

from fastapi import APIRouter, Query

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_notifications.entrypoints.schemas import (
    NotificationPage,
    NotificationRead,
)
from facturo_notifications.service_layer import inbox

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("")
async def get_notifications(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    unread: bool = Query(default=False, description="only unread notifications"),
    limit: int = Query(default=50, ge=1, le=200),
    offset: int = Query(default=0, ge=0),
) -> NotificationPage:
    async with uow:
        items, total = await inbox.list_own(uow, principal, unread, limit, offset)
        return NotificationPage(
            items=[NotificationRead.model_validate(n) for n in items],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.post("/{notification_id}/read")
async def post_read(
    notification_id: str, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> NotificationRead:
    async with uow:
        notification = await inbox.mark_read(uow, principal, notification_id)
        return NotificationRead.model_validate(notification)
