"""Events of notification deliveries, on topic `notifications.delivery.v1`.

They name recipients by subject id only: addresses are personal data and stay in
the notifications service.
"""

from typing import ClassVar, Literal

from facturo_contracts import topics
from facturo_contracts.envelope import Event

Channel = Literal["email", "in_app", "webhook"]
RecipientKind = Literal["user", "customer_contact"]


class NotificationEvent(Event):
    TOPIC: ClassVar[str] = topics.DELIVERIES

    delivery_id: str

    def subject(self) -> str:
        return self.delivery_id


class NotificationDelivered(NotificationEvent):
    TYPE: ClassVar[str] = "notifications.delivery.delivered.v1"

    channel: Channel
    recipient_kind: RecipientKind
    recipient_id: str
    invoice_id: str | None
    department: str | None
    reason: str


class NotificationFailed(NotificationEvent):
    TYPE: ClassVar[str] = "notifications.delivery.failed.v1"

    channel: Channel
    recipient_kind: RecipientKind
    recipient_id: str
    invoice_id: str | None
    department: str | None
    error: str


class NotificationCancelled(NotificationEvent):
    """A queued delivery was dropped before it was sent: its recipient's
    account was disabled, or they left the department it is about."""

    TYPE: ClassVar[str] = "notifications.delivery.cancelled.v1"

    channel: Channel
    recipient_kind: RecipientKind
    recipient_id: str
    invoice_id: str | None
    department: str | None
    reason: str
