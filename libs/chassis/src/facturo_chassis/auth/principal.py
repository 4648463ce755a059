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


@dataclass(frozen=True)
class Principal:
    subject: str
    username: str
    roles: frozenset[Role]
    departments: frozenset[str]
    email: str | None = None
    name: str | None = None
    client_id: str | None = None
    claims: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_service(self) -> bool:
        return Role.SERVICE in self.roles

    @classmethod
    def from_claims(cls, claims: dict[str, object]) -> "Principal":
        known = {role.value for role in Role}
        raw_roles = claims.get("roles") or []
        raw_departments = claims.get("departments") or []
        return cls(
            subject=str(claims["sub"]),
            username=str(claims.get("preferred_username") or claims["sub"]),
            roles=frozenset(Role(r) for r in _strings(raw_roles) if r in known),
            departments=frozenset(_strings(raw_departments)),
            email=_optional(claims.get("email")),
            name=_optional(claims.get("name")),
            client_id=_optional(claims.get("azp")),
            claims=claims,
        )


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return []


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
