"""Identity's domain errors; bootstrap maps each to an HTTP status."""

from dataclasses import dataclass


class UnknownUser(Exception):
    """No person with this id in the directory, or none the caller may see.

    The detail does not repeat the id, so both read the same.
    """

    def __init__(self, user_id: str) -> None:
        super().__init__("no such user")
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


class InvalidLegalEntity(Exception):
    """Legal entity numbers fail their checks; all of the problems are listed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.location}: {p.message}" for p in problems))
        self.problems = problems


class UnknownDepartment(Exception):
    """No department with this code in the directory."""

    def __init__(self, code: str) -> None:
        super().__init__(f"no department {code}")
        self.code = code


class DepartmentExists(Exception):
    """A department with this code exists already."""

    def __init__(self, code: str) -> None:
        super().__init__(f"department {code} exists already")
        self.code = code


class InvalidDepartment(Exception):
    """Department terms name things that do not exist; all are listed."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.location}: {p.message}" for p in problems))
        self.problems = problems


class NotABusinessRole(Exception):
    """Only clerk, approver, finance, auditor and admin are managed here."""

    def __init__(self, role: str) -> None:
        super().__init__(f"{role} is not a role an admin may grant or revoke")
        self.role = role


class SelfLockout(Exception):
    """An admin may not take away their own admin role or account."""


class LegalEntityExists(Exception):
    """A legal entity with this SIREN exists already."""

    def __init__(self, siren: str) -> None:
        super().__init__(f"a legal entity with SIREN {siren} exists already")
        self.siren = siren


class UnknownLegalEntity(Exception):
    def __init__(self, legal_entity_id: str) -> None:
        super().__init__(f"no legal entity {legal_entity_id}")
        self.legal_entity_id = legal_entity_id


class PrivacyUnavailable(Exception):
    """A service could not hand over its part of a personal data export."""


class InvalidPerson(Exception):
    """The user id and the e-mail address name two different people."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(f"{p.location}: {p.message}" for p in problems))
        self.problems = problems


class UnknownErasure(Exception):
    def __init__(self, erasure_id: str) -> None:
        super().__init__(f"no erasure request {erasure_id}")
        self.erasure_id = erasure_id
