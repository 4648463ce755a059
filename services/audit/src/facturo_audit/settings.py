"""Audit settings (`FACTURO_*`)."""

from pydantic import Field

from facturo_chassis.settings import ServiceSettings


class AuditSettings(ServiceSettings):
    service_name: str = "audit"
    http_port: int = 8004
    database_url: str = "sqlite+aiosqlite:///var/data/audit.db"
    # How many entries verification reads per query.
    verify_batch_size: int = Field(default=500, ge=1, le=10_000)
