"""The notifications schema: the in-app inbox and the record of deliveries."""

from datetime import datetime

from sqlalchemy import DateTime, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Delivery(Base):
    """One attempt to reach one recipient on one channel for one event.

    The unique key makes a redelivered event find its earlier delivery.
    """

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint(
            "event_id", "channel", "recipient_id", name="uq_deliveries_once"
        ),
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
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


messaging = messaging_tables(Base.metadata)
