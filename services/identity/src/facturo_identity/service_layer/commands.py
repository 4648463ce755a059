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


@dataclass(frozen=True)
class CreateDepartment:
    code: str
    name: str
    legal_entity_id: str
    parent: str | None = None


@dataclass(frozen=True)
class ChangeMembership:
    user_id: str
    department: str


@dataclass(frozen=True)
class ChangeRole:
    user_id: str
    role: str


@dataclass(frozen=True)
class CreateLegalEntity:
    name: str
    siren: str
    vat_id: str
    address: str
    iban: str


@dataclass(frozen=True)
class ExportPersonalData:
    user_id: str | None
    email: str | None


@dataclass(frozen=True)
class ErasePersonalData:
    user_id: str | None
    email: str | None
    reason: str
