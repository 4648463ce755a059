"""HTTP schemas of personal data exports and erasures."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from facturo_chassis.privacy import PersonalDataQuery
from facturo_identity.domain.privacy import EXPORT_FORMAT
from facturo_identity.entrypoints.schemas import DelegationRead, UserRead


class ErasureCreate(PersonalDataQuery):
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
    ] = Field(description="why, e.g. the person's request and its date")


class ErasureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    user_id: str | None
    email_sha256: str | None = Field(
        description="SHA-256 of the trimmed, lower-cased address"
    )
    pseudonym: str = Field(description="what replaces the username everywhere")
    reason: str
    requested_by: str
    requested_at: datetime


class PersonRead(BaseModel):
    user_id: str | None
    email: str | None


class LegalEntityCreatedRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    created_at: datetime


class IdentityDataRead(BaseModel):
    """Identity's section: the Keycloak account and identity's own records."""

    user: UserRead | None
    delegations: list[DelegationRead]
    legal_entities_created: list[LegalEntityCreatedRead]
    erasures: list[ErasureRead]


class PersonalDataExportRead(BaseModel):
    """A machine-readable export: one section per service, by service name."""

    format: Literal["facturo.personal-data-export"] = EXPORT_FORMAT
    version: int = Field(description="of this format; a breaking change bumps it")
    export_id: str
    created_at: datetime
    person: PersonRead
    sections: dict[str, dict[str, Any]]
