"""Identity settings (`FACTURO_*`), with where Keycloak is reached from here."""

from pydantic import model_validator

from facturo_chassis.settings import ServiceSettings

REALM_MARK = "/realms/"


class IdentitySettings(ServiceSettings):
    service_name: str = "identity"
    http_port: int = 8001
    database_url: str = "sqlite+aiosqlite:///var/data/identity.db"
    departments_cache_seconds: float = 60.0

    @property
    def keycloak_admin_url(self) -> str:
        """`<keycloak>/admin/realms/<realm>`, the base of the admin REST API."""
        base, _, realm = self.realm_url.rpartition(REALM_MARK)
        return f"{base}/admin/realms/{realm}"

    @model_validator(mode="after")
    def _realm_url_names_a_realm(self) -> "IdentitySettings":
        base, mark, realm = self.realm_url.rpartition(REALM_MARK)
        if not (base and mark and realm) or "/" in realm:
            raise ValueError(
                "FACTURO_OIDC_ISSUER (or FACTURO_OIDC_BACKCHANNEL_URL) must look "
                "like <keycloak>/realms/<realm>"
            )
        return self
