"""What every service agrees on to export and erase a person's data.

A person is named by their Facturo user id (the Keycloak subject), by an
e-mail address (customer contacts are people too, and not users), or both.
Events never carry the address: they carry `email_sha256`, which each
service compares with the addresses it holds.
"""

import hashlib
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

UserId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,64}$")]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, pattern=r"^[^@\s]+@[^@\s]+$"),
    Field(max_length=320),
]


def normalized_email(email: str) -> str:
    """The form addresses are compared in: trimmed and lower-cased."""
    return email.strip().lower()


def email_sha256(email: str) -> str:
    """The hex SHA-256 of the normalized address, as events carry it."""
    return hashlib.sha256(normalized_email(email).encode()).hexdigest()


def same_email(stored: str | None, digest: str | None) -> bool:
    """Whether a stored address is the one `digest` was made from."""
    return bool(stored and digest) and email_sha256(stored or "") == digest


class PersonalDataQuery(BaseModel):
    """Whose data: the body of every `POST /api/v1/privacy/exports`.

    A POST, so that the address never shows in a URL or an access log.
    """

    model_config = ConfigDict(extra="forbid")

    user_id: UserId | None = Field(default=None, description="a Facturo user id")
    email: Email | None = Field(default=None, description="an e-mail address")

    @model_validator(mode="after")
    def _names_someone(self) -> Self:
        if self.user_id is None and self.email is None:
            raise ValueError("give a user_id, an email or both")
        return self
