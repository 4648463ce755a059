"""Identity settings (`FACTURO_*`), with where Keycloak is reached from here."""

from cryptography.fernet import Fernet
from pydantic import SecretStr, model_validator

from facturo_chassis.settings import ServiceSettings

REALM_MARK = "/realms/"
# DEMO ONLY: public, in the repository. Encrypts the IBANs of a development
# database; production refuses to start with it (or without a key).
DEMO_ENCRYPTION_KEY = "ZmFjdHVyby1kZW1vLWVuY3J5cHRpb24ta2V5LTAwMDE="


class IdentitySettings(ServiceSettings):
    service_name: str = "identity"
    http_port: int = 8001
    database_url: str = "sqlite+aiosqlite:///var/data/identity.db"
    departments_cache_seconds: float = 60.0
    # A Fernet key (32 bytes, URL-safe base64): `Fernet.generate_key()`.
    encryption_key: SecretStr = SecretStr(DEMO_ENCRYPTION_KEY)
    # The services asked for their part of a personal data export.
    invoicing_url: str = "http://127.0.0.1:8002"
    approvals_url: str = "http://127.0.0.1:8003"
    audit_url: str = "http://127.0.0.1:8004"
    notifications_url: str = "http://127.0.0.1:8005"

    @property
    def keycloak_admin_url(self) -> str:
        """`<keycloak>/admin/realms/<realm>`, the base of the admin REST API."""
        base, _, realm = self.realm_url.rpartition(REALM_MARK)
        return f"{base}/admin/realms/{realm}"

    @property
    def privacy_services(self) -> dict[str, str]:
        """Each service holding personal data besides identity, and its URL."""
        return {
            "invoicing": self.invoicing_url,
            "approvals": self.approvals_url,
            "audit": self.audit_url,
            "notifications": self.notifications_url,
        }

    @property
    def is_development(self) -> bool:
        return self.environment == "development"

    @model_validator(mode="after")
    def _realm_url_names_a_realm(self) -> "IdentitySettings":
        base, mark, realm = self.realm_url.rpartition(REALM_MARK)
        if not (base and mark and realm) or "/" in realm:
            raise ValueError(
                "FACTURO_OIDC_ISSUER (or FACTURO_OIDC_BACKCHANNEL_URL) must look "
                "like <keycloak>/realms/<realm>"
            )
        return self

    @model_validator(mode="after")
    def _encryption_key_is_real(self) -> "IdentitySettings":
        key = self.encryption_key.get_secret_value()
        if self.environment == "production" and key in ("", DEMO_ENCRYPTION_KEY):
            raise ValueError(
                "FACTURO_ENCRYPTION_KEY is missing or the demo key; set a Fernet "
                "key of your own for production"
            )
        try:
            Fernet(key.encode())
        except ValueError:
            raise ValueError(
                "FACTURO_ENCRYPTION_KEY must be a Fernet key: 32 bytes in URL-safe "
                "base64"
            ) from None
        return self
