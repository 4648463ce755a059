"""Domain errors of the invoicing service, mapped to HTTP at the edge."""

from collections.abc import Iterable
from dataclasses import dataclass


class DomainError(Exception):
    """Base of every rule the invoicing domain refuses to break."""


@dataclass(frozen=True)
class FieldProblem:
    """One invalid field: where it is (e.g. ``lines/0/quantity``) and why."""

    location: str
    message: str


class InvalidInvoice(DomainError):
    """Invoice input breaks one or more rules; all of them are listed."""

    def __init__(self, problems: Iterable[FieldProblem]) -> None:
        self.problems = tuple(problems)
        summary = "; ".join(f"{p.location}: {p.message}" for p in self.problems)
        super().__init__(f"invalid invoice: {summary}")


class InvalidTransition(DomainError):
    """The action is not allowed from the invoice's current status."""

    def __init__(self, current: str, action: str) -> None:
        self.current = str(current)
        self.action = str(action)
        super().__init__(f"cannot {self.action} an invoice that is {self.current}")


class NotEditable(DomainError):
    """Only drafts change; an issued invoice is corrected by a credit note."""

    def __init__(self, status: str) -> None:
        self.status = str(status)
        super().__init__(f"an invoice that is {self.status} cannot be edited")


class UnknownCurrency(DomainError):
    """The code is not an ISO 4217 currency known to Babel."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(f"unknown currency: {code!r}")


class InvalidNumber(DomainError):
    """An invoice number cannot be built from these parts."""


class SequenceExhausted(DomainError):
    """The series has used its last number for this department and year."""
