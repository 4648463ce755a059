"""The directory as Facturo sees it: departments and the people in them."""

from dataclasses import dataclass

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
    # Keycloak's own mark of a client's account (`serviceAccountClientId`),
    # not its username: people may rename themselves in the account console.
    service_account: bool = False


# Fields of a person some callers are not shown (see the directory handlers).
CONTACT_FIELDS = frozenset({"email"})
ACCOUNT_FIELDS = frozenset({"enabled"})


@dataclass(frozen=True)
class Shown:
    """A person as one caller may see them: `hidden` fields are left out."""

    user: DirectoryUser
    hidden: frozenset[str] = frozenset()


def is_service_account(user: DirectoryUser) -> bool:
    """A client's account, not a person: never shown, never administered."""
    return user.service_account
