"""Identity's domain errors; bootstrap maps each to an HTTP status."""

from dataclasses import dataclass


class UnknownUser(Exception):
    """No person with this id in the directory."""

    def __init__(self, user_id: str) -> None:
        super().__init__(f"no user {user_id}")
        self.user_id = user_id


class DirectoryUnavailable(Exception):
    """Keycloak could not be read; the message names the call, never a token."""


@dataclass(frozen=True)
class FieldProblem:
    location: str
    message: str


class InvalidDelegation(Exception):
    """Delegation terms break one or more rules; all of them are listed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.location}: {p.message}" for p in problems))
        self.problems = problems
