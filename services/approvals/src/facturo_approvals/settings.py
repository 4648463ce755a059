"""Approvals settings (`FACTURO_*`)."""

from facturo_chassis.settings import ServiceSettings


class ApprovalsSettings(ServiceSettings):
    service_name: str = "approvals"
    http_port: int = 8003
    database_url: str = "sqlite+aiosqlite:///var/data/approvals.db"
