"""The notifications schema: the in-app inbox, deliveries, the mail outbox and
the people whose accounts are disabled."""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from facturo_chassis.db_types import UtcDateTime
from facturo_chassis.messaging.tables import messaging_tables


class Base(DeclarativeBase):
    pass


class Notification(Base):
    """One message in a person's in-app inbox."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_inbox", "recipient_id", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    recipient_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(50))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    invoice_id: Mapped[str | None] = mapped_column(String(36))
    department: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    read_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Delivery(Base):
    """One recipient on one channel for one event; for e-mail, also the
    mail outbox entry the sender works from.

    The unique key makes a redelivered event find its earlier delivery. An
    e-mail row is inserted `pending` with the composed message, `attempts`
    and `next_attempt_at`; the sender moves it to `sent` or `failed`.

    Personal data is kept only as long as it is needed: the address, the
    recipient's name and the body (which greets them by name) are cleared
    when the row becomes `sent` or `failed`. Erasing a person then has no
    finished delivery to scrub, only the pending ones.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint(
            "event_id", "channel", "recipient_id", name="uq_deliveries_once"
        ),
        Index("ix_deliveries_due", "status", "next_attempt_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36))
    channel: Mapped[str] = mapped_column(String(10))
    recipient_kind: Mapped[str] = mapped_column(String(20))
    recipient_id: Mapped[str] = mapped_column(String(64))
    invoice_id: Mapped[str | None] = mapped_column(String(36), index=True)
    department: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(10))
    error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # Why it was sent: the `reason` of its delivery event.
    kind: Mapped[str | None] = mapped_column(String(50))
    # The composed e-mail, while it waits to be sent.
    to_address: Mapped[str | None] = mapped_column(String(320))
    to_name: Mapped[str | None] = mapped_column(String(500))
    subject: Mapped[str | None] = mapped_column(String(300))
    body: Mapped[str | None] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(300))
    # The W3C trace context of the event that queued it, for the send span.
    trace_context: Mapped[dict[str, str] | None] = mapped_column(JSON)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime())

    def forget_recipient(self) -> None:
        """Clear the personal data once the mail is sent, given up or
        cancelled."""
        self.to_address = None
        self.to_name = None
        self.body = None


class DisabledUser(Base):
    """A person whose account identity disabled (`UserDisabled`): nothing
    more is sent to them. Identity has no event to enable one again."""

    __tablename__ = "disabled_users"

    user_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    disabled_at: Mapped[datetime] = mapped_column(UtcDateTime())


messaging = messaging_tables(Base.metadata)
