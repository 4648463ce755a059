"""The verified caller of a request."""

from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    CLERK = "clerk"
    APPROVER = "approver"
    FINANCE = "finance"
    AUDITOR = "auditor"
    ADMIN = "admin"
    SERVICE = "service"


# A service account's realm role `svc:<action>` grants it that one action.
GRANT_PREFIX = "svc:"


@dataclass(frozen=True)
class Principal:
    """`grants`: the actions a service account holds (`svc:` realm roles);
    a service may do only what its grants name (see the policy)."""

    subject: str
    username: str
    roles: frozenset[Role]
    departments: frozenset[str]
    email: str | None = None
    name: str | None = None
    client_id: str | None = None
    grants: frozenset[str] = frozenset()
    claims: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_service(self) -> bool:
        return Role.SERVICE in self.roles

    @classmethod
    def from_claims(cls, claims: dict[str, object]) -> "Principal":
        known = {role.value for role in Role}
        raw_roles = claims.get("roles") or []
        raw_departments = claims.get("departments") or []
        roles = _strings(raw_roles)
        return cls(
            subject=str(claims["sub"]),
            username=str(claims.get("preferred_username") or claims["sub"]),
            roles=frozenset(Role(r) for r in roles if r in known),
            departments=frozenset(_strings(raw_departments)),
            email=_optional(claims.get("email")),
            name=_optional(claims.get("name")),
            client_id=_optional(claims.get("azp")),
            grants=_grants(roles),
            claims=claims,
        )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def _grants(roles: list[str]) -> frozenset[str]:
    """The actions named by `svc:<action>` roles; a name no action has grants
    nothing, since the policy only ever looks up its own actions."""
    return frozenset(
        role.removeprefix(GRANT_PREFIX)
        for role in roles
        if role.startswith(GRANT_PREFIX) and len(role) > len(GRANT_PREFIX)
    )


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
