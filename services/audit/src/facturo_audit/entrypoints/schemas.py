"""HTTP schemas of the audit API, named by their boundary."""

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict


class AuditEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int
    event_id: str
    topic: str
    event_type: str
    subject: str
    invoice_id: str | None
    department: str | None
    actor: str | None
    occurred_at: datetime
    recorded_at: datetime
    payload: dict[str, Any]
    prev_hash: str
    hash: str


class AuditEntryPage(BaseModel):
    items: list[AuditEntryRead]
    total: int
    limit: int
    offset: int


class VerifyReportRead(BaseModel):
    ok: bool
    entries: int
    first_broken_seq: int | None
    reason: str | None


class AuditDataRead(BaseModel):
    """Audit's part of a personal data export: the entries about the person."""

    entries: list[AuditEntryRead]
