"""Notifications settings (`FACTURO_*`): the mail server and the other services."""

from pydantic import Field

from facturo_chassis.settings import ServiceSettings


class NotificationsSettings(ServiceSettings):
    service_name: str = "notifications"
    http_port: int = 8005
    database_url: str = "sqlite+aiosqlite:///var/data/notifications.db"
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 1025
    smtp_from: str = "Facturo <facturo@demo.facturo.test>"
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    identity_url: str = "http://127.0.0.1:8001"
    invoicing_url: str = "http://127.0.0.1:8002"
    portal_url: str = "http://127.0.0.1:8000"
    # The mail sender: its idle poll, its batch, how often it tries a mail.
    mail_poll_seconds: float = Field(default=1.0, gt=0)
    mail_batch_size: int = Field(default=10, ge=1)
    mail_max_attempts: int = Field(default=8, ge=1)
