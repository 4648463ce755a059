"""The audit schema: the entries and the one-row head of their chain."""

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Integer,
    String,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from facturo_chassis.db_types import UtcDateTime
from facturo_chassis.messaging.tables import messaging_tables

SEQ = BigInteger().with_variant(Integer, "sqlite")
HASH = String(64)
HEAD_ID = 1


class Base(DeclarativeBase):
    pass


class AuditEntry(Base):
    """One recorded event. Rows are inserted, never updated or deleted."""

    __tablename__ = "audit_entries"

    seq: Mapped[int] = mapped_column(SEQ, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(200), unique=True)
    topic: Mapped[str] = mapped_column(String(200))
    event_type: Mapped[str] = mapped_column(String(200), index=True)
    subject: Mapped[str] = mapped_column(String(200), index=True)
    invoice_id: Mapped[str | None] = mapped_column(String(64), index=True)
    department: Mapped[str | None] = mapped_column(String(50), index=True)
    actor: Mapped[str | None] = mapped_column(String(200))
    occurred_at: Mapped[datetime] = mapped_column(UtcDateTime())
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(HASH)
    hash: Mapped[str] = mapped_column(HASH)


class ChainHeadRow(Base):
    """The last seq and hash; appends lock it, so the chain cannot fork."""

    __tablename__ = "chain_head"
    __table_args__ = (CheckConstraint(f"id = {HEAD_ID}", name="one_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_seq: Mapped[int] = mapped_column(SEQ)
    last_hash: Mapped[str] = mapped_column(HASH)


messaging = messaging_tables(Base.metadata)
