"""The identity schema: delegations, legal entities, erasure requests, the
outbox and the inbox.

Keycloak owns people, departments and roles; delegations and legal entities
have no place there, so they live here.
"""

from datetime import date, datetime

from sqlalchemy import Date, Index, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from facturo_chassis.db_types import UtcDateTime
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
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    revoked_by: Mapped[str | None] = mapped_column(String(64))


class LegalEntity(Base):
    """A company of the group; departments and invoices name one."""

    __tablename__ = "legal_entities"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    siren: Mapped[str] = mapped_column(String(9), unique=True)
    vat_id: Mapped[str] = mapped_column(String(20))
    address: Mapped[str] = mapped_column(String(500))
    # Fernet token of the IBAN (FACTURO_ENCRYPTION_KEY); never stored in clear.
    iban_encrypted: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
    # When `LegalEntityRegistered` went to the outbox; null for entities made
    # before identity announced them, which it announces at its next start.
    announced_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class ErasureRequest(Base):
    """An admin's request to erase a person's data, kept as the proof of it.

    The address is never stored: only its SHA-256, as `PersonErased` has it.
    """

    __tablename__ = "erasure_requests"
    __table_args__ = (Index("ix_erasure_requests_user", "user_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    user_id: Mapped[str | None] = mapped_column(String(64))
    email_sha256: Mapped[str | None] = mapped_column(String(64))
    pseudonym: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(String(500))
    requested_by: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime())


messaging = messaging_tables(Base.metadata)
