"""Delegations of approver authority, as approvals applies them: pure rules.

Identity owns delegations; approvals keeps a copy fed by identity's events.
A delegation is in force from `starts_on` to `ends_on` inclusive and expires
by itself: only the day of the decision matters, no job runs at expiry.
"""

from collections.abc import Iterable
from datetime import date
from typing import Protocol


class DelegationView(Protocol):
    @property
    def department(self) -> str: ...

    @property
    def delegator_id(self) -> str: ...

    @property
    def delegate_id(self) -> str: ...

    @property
    def starts_on(self) -> date: ...

    @property
    def ends_on(self) -> date: ...

    @property
    def revoked(self) -> bool: ...


def in_force(delegation: DelegationView, on: date) -> bool:
    return not delegation.revoked and delegation.starts_on <= on <= delegation.ends_on


def delegated_to(
    delegations: Iterable[DelegationView], delegate_id: str, on: date
) -> dict[str, tuple[str, ...]]:
    """Department -> the delegators whose authority `delegate_id` holds `on`."""
    held: dict[str, set[str]] = {}
    for delegation in delegations:
        if delegation.delegate_id == delegate_id and in_force(delegation, on):
            held.setdefault(delegation.department, set()).add(delegation.delegator_id)
    return {department: tuple(sorted(ids)) for department, ids in held.items()}
