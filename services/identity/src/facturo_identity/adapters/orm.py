"""The identity schema: delegations, the outbox and the inbox.

Keycloak owns people, departments and roles; delegations have no place
there, so they live here.
"""

from datetime import date, datetime

from sqlalchemy import Date, DateTime, Index, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from facturo_chassis.messaging.tables import messaging_tables


class Base(DeclarativeBase):
    pass


class Delegation(Base):
    """An approver's authority for a department, lent for a range of days."""

    __tablename__ = "delegations"
    __table_args__ = (
        Index("ix_delegations_delegator", "delegator_id"),
        Index("ix_delegations_delegate", "delegate_id"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department: Mapped[str] = mapped_column(String(20))
    delegator_id: Mapped[str] = mapped_column(String(64))
    delegate_id: Mapped[str] = mapped_column(String(64))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_by: Mapped[str | None] = mapped_column(String(64))


messaging = messaging_tables(Base.metadata)
