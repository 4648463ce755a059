"""Events of the identity directory, on topic `identity.directory.v1`.

Delegations of approval authority are keyed by the delegation id, so the
grant and the revocation of one delegation stay in order.
Departments are keyed by their code and legal entities by their id.
Directory changes (memberships, roles, disabling) are keyed by the user id,
so one person's changes stay in order; they carry ids and codes, never names
or e-mail addresses.
"""

from datetime import date
from typing import ClassVar

from facturo_contracts import topics
from facturo_contracts.envelope import Event


class DelegationEvent(Event):
    TOPIC: ClassVar[str] = topics.DIRECTORY

    id: str
    delegator_id: str
    delegate_id: str
    department: str
    starts_on: date
    ends_on: date

    def subject(self) -> str:
        return self.id


class DelegationGranted(DelegationEvent):
    """An approver lets another member of the department decide in their
    place, from `starts_on` to `ends_on` inclusive."""

    TYPE: ClassVar[str] = "identity.directory.delegation-granted.v1"


class DelegationRevoked(DelegationEvent):
    """The delegation ends now, whatever its dates said."""

    TYPE: ClassVar[str] = "identity.directory.delegation-revoked.v1"


class DepartmentCreated(Event):
    """An admin created a department under a legal entity (ids and codes only)."""

    TOPIC: ClassVar[str] = topics.DIRECTORY
    TYPE: ClassVar[str] = "identity.directory.department-created.v1"

    department: str
    legal_entity_id: str
    parent: str | None = None

    def subject(self) -> str:
        return self.department


class DepartmentAssignedToLegalEntity(Event):
    """A department found without a legal entity now invoices as this one.

    Keyed by the department, in order with its `DepartmentCreated`.
    """

    TOPIC: ClassVar[str] = topics.DIRECTORY
    TYPE: ClassVar[str] = "identity.directory.department-assigned-to-legal-entity.v1"

    department: str
    legal_entity_id: str

    def subject(self) -> str:
        return self.department


class LegalEntityRegistered(Event):
    """A company of the group was registered; keyed by its id.

    Its public identifiers only: the IBAN never leaves the identity service.
    """

    TOPIC: ClassVar[str] = topics.DIRECTORY
    TYPE: ClassVar[str] = "identity.directory.legal-entity-registered.v1"

    id: str
    name: str
    siren: str
    vat_id: str
    address: str

    def subject(self) -> str:
        return self.id


class MembershipEvent(Event):
    """A person's membership of a department changed; keyed by the person."""

    TOPIC: ClassVar[str] = topics.DIRECTORY

    user_id: str
    department: str

    def subject(self) -> str:
        return self.user_id


class UserJoinedDepartment(MembershipEvent):
    TYPE: ClassVar[str] = "identity.directory.user-joined-department.v1"


class UserLeftDepartment(MembershipEvent):
    TYPE: ClassVar[str] = "identity.directory.user-left-department.v1"


class RoleEvent(Event):
    """A person's business role changed; keyed by the person."""

    TOPIC: ClassVar[str] = topics.DIRECTORY

    user_id: str
    role: str

    def subject(self) -> str:
        return self.user_id


class RoleGranted(RoleEvent):
    TYPE: ClassVar[str] = "identity.directory.role-granted.v1"


class RoleRevoked(RoleEvent):
    TYPE: ClassVar[str] = "identity.directory.role-revoked.v1"


class UserDisabled(Event):
    """The account can no longer sign in; its open work needs another owner."""

    TOPIC: ClassVar[str] = topics.DIRECTORY
    TYPE: ClassVar[str] = "identity.directory.user-disabled.v1"

    user_id: str

    def subject(self) -> str:
        return self.user_id


class PersonEvent(Event):
    """About a person named by a user id, an e-mail address, or both.

    The address never travels: `email_sha256` is the hex SHA-256 of the
    trimmed, lower-cased address. Keyed by the user id when there is one,
    else by the hash, so one person's events stay in order.
    """

    TOPIC: ClassVar[str] = topics.DIRECTORY

    user_id: str | None = None
    email_sha256: str | None = None

    def subject(self) -> str:
        return self.user_id or self.email_sha256 or ""


class PersonErased(PersonEvent):
    """An admin had the person's data erased where the law does not require
    keeping it: each service removes or pseudonymises what it holds (e-mail
    addresses, phone numbers, names, usernames become `pseudonym`), keeping
    ids and issued invoices."""

    TYPE: ClassVar[str] = "identity.directory.person-erased.v1"

    erasure_id: str
    pseudonym: str


class PersonalDataExported(PersonEvent):
    """An admin exported everything Facturo holds about the person."""

    TYPE: ClassVar[str] = "identity.directory.personal-data-exported.v1"

    export_id: str
