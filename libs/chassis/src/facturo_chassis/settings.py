"""Settings shared by every service, read from `FACTURO_*` variables.

A service subclasses `ServiceSettings`; a missing or placeholder value outside
development stops the process at start-up with a clear message.
"""

from typing import Literal

from pydantic import SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_SECRET_MARK = "dev-secret"  # noqa: S105 - a marker, not a secret


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FACTURO_", extra="ignore")

    service_name: str = "facturo"
    environment: Literal["development", "production"] = "development"
    http_host: str = "127.0.0.1"
    http_port: int = 8000
    database_url: str = "sqlite+aiosqlite:///var/data/facturo.db"
    kafka_bootstrap: str = "127.0.0.1:9092"
    oidc_issuer: str = "http://127.0.0.1:8080/realms/facturo"
    # The realm's URL as this process reaches it (keys, tokens), when that is
    # not the issuer the tokens carry: inside a container network, say.
    oidc_backchannel_url: str = ""
    oidc_audience: str = "facturo-api"
    service_client_id: str = ""
    service_client_secret: SecretStr = SecretStr("")
    log_level: str = "INFO"
    log_json: bool | None = None
    consumer_retries: int = 3
    outbox_poll_seconds: float = 0.5

    @property
    def realm_url(self) -> str:
        return (self.oidc_backchannel_url or self.oidc_issuer).rstrip("/")

    @property
    def jwks_url(self) -> str:
        return f"{self.realm_url}/protocol/openid-connect/certs"

    @property
    def token_url(self) -> str:
        return f"{self.realm_url}/protocol/openid-connect/token"

    @model_validator(mode="after")
    def _refuse_dev_secrets_in_production(self) -> "ServiceSettings":
        secret = self.service_client_secret.get_secret_value()
        if self.environment == "production" and DEV_SECRET_MARK in secret:
            raise ValueError(
                "FACTURO_SERVICE_CLIENT_SECRET holds a development secret; "
                "set the real client secret for production"
            )
        if self.environment == "production" and self.database_url.startswith("sqlite"):
            raise ValueError("FACTURO_DATABASE_URL must name PostgreSQL in production")
        return self
