"""The directory as Facturo sees it: departments and the people in them."""

from dataclasses import dataclass

SERVICE_ACCOUNT_PREFIX = "service-account-"


# The roles an admin may grant or revoke; `service` belongs to service accounts.
BUSINESS_ROLES = frozenset({"clerk", "approver", "finance", "auditor", "admin"})


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    legal_entity: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class DirectoryUser:
    id: str
    username: str
    name: str | None
    email: str | None
    departments: tuple[str, ...]
    roles: tuple[str, ...]
    enabled: bool


def is_service_account(username: str) -> bool:
    """Keycloak names a client's service account `service-account-<client>`."""
    return username.startswith(SERVICE_ACCOUNT_PREFIX)
