"""Whose data an export or an erasure is about: pure rules, no I/O."""

import uuid
from dataclasses import dataclass
from typing import Final, Literal

from facturo_chassis.privacy import email_sha256
from facturo_identity.domain.directory import DirectoryUser
from facturo_identity.domain.errors import FieldProblem, InvalidPerson

EXPORT_FORMAT: Final[Literal["facturo.personal-data-export"]] = (
    "facturo.personal-data-export"
)
EXPORT_VERSION = 1
PSEUDONYM_PREFIX = "erased-"


@dataclass(frozen=True)
class Person:
    """A user of the directory, an e-mail address, or both."""

    user: DirectoryUser | None
    email: str | None

    @property
    def user_id(self) -> str | None:
        return self.user.id if self.user else None

    @property
    def email_sha256(self) -> str | None:
        return email_sha256(self.email) if self.email else None


def person(
    user: DirectoryUser | None, email: str | None, owner_ids: list[str]
) -> Person:
    """The person named by a user and/or an address owned by `owner_ids`.

    Without an address, the user's own is the one to look for elsewhere. An
    address that belongs to another user names somebody else: refused.
    """
    if user is not None and owner_ids and user.id not in owner_ids:
        problem = FieldProblem("email", "belongs to another user than user_id")
        raise InvalidPerson([problem])
    return Person(user, email or (user.email if user else None))


def pseudonym(erasure_id: str) -> str:
    """What replaces an erased person's username everywhere: `erased-<8 hex>`."""
    return f"{PSEUDONYM_PREFIX}{uuid.UUID(erasure_id).hex[:8]}"
