"""The approvals schema. Amounts are exact decimals on every database.

Delegations are a read model of identity's delegation events.

A request is for a document: an invoice, or a credit note of `invoice_id`.
At most one request per document is open at a time (a partial unique index on
`document_id` where `status = 'pending'`): a resubmission after a rejection
opens a new request, a duplicate submission cannot.
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from facturo_chassis.db_types import Money, UtcDateTime
from facturo_chassis.messaging.tables import messaging_tables

OPEN = text("status = 'pending'")


class Base(DeclarativeBase):
    pass


class ApprovalRequest(Base):
    __tablename__ = "approval_requests"
    __table_args__ = (
        Index(
            "uq_approval_requests_open_document",
            "document_id",
            unique=True,
            sqlite_where=OPEN,
            postgresql_where=OPEN,
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    invoice_id: Mapped[str] = mapped_column(String(36), index=True)
    document_kind: Mapped[str] = mapped_column(String(20))  # DocumentKind
    document_id: Mapped[str] = mapped_column(String(36))
    department: Mapped[str] = mapped_column(String(20), index=True)
    author_id: Mapped[str] = mapped_column(String(64))
    currency: Mapped[str] = mapped_column(String(3))
    gross: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(20), index=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())

    # Optimistic locking: every flush that changes the row checks and bumps
    # `version`, so two concurrent decisions cannot both apply.
    __mapper_args__ = {"version_id_col": version}

    steps: Mapped[list["ApprovalStep"]] = relationship(
        lazy="selectin",
        order_by="ApprovalStep.position",
        cascade="all, delete-orphan",
    )


class ApprovalStep(Base):
    """One decision a request needs, in order; empty until decided."""

    __tablename__ = "approval_steps"

    request_id: Mapped[str] = mapped_column(
        ForeignKey("approval_requests.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    role: Mapped[str] = mapped_column(String(20))
    decided_by: Mapped[str | None] = mapped_column(String(64), index=True)
    decided_by_username: Mapped[str | None] = mapped_column(String(100))
    decided_on_behalf_of: Mapped[str | None] = mapped_column(String(64))
    decision: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(String(2000))
    comment: Mapped[str | None] = mapped_column(String(2000))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class Delegation(Base):
    """Approvals' copy of identity's delegations, fed by its events."""

    __tablename__ = "delegations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    department: Mapped[str] = mapped_column(String(20))
    delegator_id: Mapped[str] = mapped_column(String(64))
    delegate_id: Mapped[str] = mapped_column(String(64), index=True)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


messaging = messaging_tables(Base.metadata)
