"""Notifications' part of a personal data export, for identity's service
account."""

from fastapi import APIRouter

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.privacy import PersonalDataQuery
from facturo_notifications.entrypoints.privacy_schemas import (
    DeliveryRead,
    NotificationsDataRead,
)
from facturo_notifications.entrypoints.schemas import NotificationRead
from facturo_notifications.service_layer.privacy import collect_personal_data

router = APIRouter(prefix="/privacy", tags=["privacy"])


@router.post("/exports")
async def post_export(
    body: PersonalDataQuery, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> NotificationsDataRead:
    """What notifications holds about a person; services only (identity)."""
    async with uow:
        part = await collect_personal_data(body, uow, principal)
        return NotificationsDataRead(
            inbox=[NotificationRead.model_validate(n) for n in part.inbox],
            deliveries=[DeliveryRead.model_validate(d) for d in part.deliveries],
            disabled_at=part.disabled_at,
        )
