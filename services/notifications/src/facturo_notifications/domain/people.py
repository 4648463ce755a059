"""Who a notification can reach, as the other services describe them."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    """A user of the identity directory."""

    id: str
    username: str
    name: str | None
    email: str | None
    departments: frozenset[str]
    roles: frozenset[str]
    enabled: bool = True

    @property
    def display_name(self) -> str:
        return self.name or self.username


@dataclass(frozen=True)
class Contact:
    """A customer of the invoicing service and where it gets its invoices."""

    id: str
    name: str
    email: str | None


def approvers_to_notify(approvers: list[Person], author_id: str) -> list[Person]:
    """Enabled approvers, never the author of what they are asked to approve."""
    return [p for p in approvers if p.enabled and p.id != author_id]
