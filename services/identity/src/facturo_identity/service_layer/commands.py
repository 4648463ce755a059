"""What people ask the identity service to change."""

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class GrantDelegation:
    department: str
    delegate_id: str
    starts_on: date
    ends_on: date
    reason: str


@dataclass(frozen=True)
class ListDelegations:
    active_on: date | None = None
