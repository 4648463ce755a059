"""Events of the identity directory, on topic `identity.directory.v1`.

Delegations of approval authority are keyed by the delegation id, so the
grant and the revocation of one delegation stay in order.
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
