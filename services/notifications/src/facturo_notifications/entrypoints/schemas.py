"""HTTP schemas of the notifications API, named by their boundary."""

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict, field_validator


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    kind: str
    title: str
    body: str
    invoice_id: str | None
    department: str | None
    created_at: datetime
    read_at: datetime | None

    @field_validator("created_at", "read_at")
    @classmethod
    def _in_utc(cls, value: datetime | None) -> datetime | None:
        """SQLite returns the stored UTC times without their zone."""
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


class NotificationPage(BaseModel):
    items: list[NotificationRead]
    total: int
    limit: int
    offset: int
