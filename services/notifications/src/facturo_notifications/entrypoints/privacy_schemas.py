"""HTTP schemas of notifications' part of a personal data export."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict

from facturo_notifications.entrypoints.schemas import NotificationRead


class DeliveryRead(BaseModel):
    """One delivery; the address and name only while the e-mail waits."""

    model_config = ConfigDict(from_attributes=True)

    id: str
    channel: str
    recipient_kind: str
    recipient_id: str
    kind: str | None
    invoice_id: str | None
    department: str | None
    status: str
    error: str | None
    to_address: str | None
    to_name: str | None
    subject: str | None
    created_at: datetime


class NotificationsDataRead(BaseModel):
    inbox: list[NotificationRead]
    deliveries: list[DeliveryRead]
    disabled_at: datetime | None
