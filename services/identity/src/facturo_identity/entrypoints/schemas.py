"""HTTP schemas of the identity API, named by their boundary."""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints
from pydantic.json_schema import SkipJsonSchema

DepartmentCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2,10}$")]
UserId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9-]{1,64}$")]


class MeRead(BaseModel):
    id: str
    username: str
    name: str | None
    email: str | None
    departments: list[str]
    roles: list[str]


class DepartmentRead(BaseModel):
    code: str
    name: str


Text = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)
]


class DepartmentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: DepartmentCode = Field(description="2 to 10 capital letters, e.g. TRN")
    name: Text
    legal_entity_id: Annotated[str, StringConstraints(max_length=36)] = Field(
        description="the legal entity the department belongs to"
    )
    parent: DepartmentCode | None = Field(
        default=None, description="the code of the parent department"
    )


class DepartmentCreated(BaseModel):
    code: str
    name: str
    legal_entity_id: str
    parent: str | None


class LegalEntityCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Text
    siren: Annotated[str, StringConstraints(max_length=20)] = Field(
        description="the 9-digit French company number"
    )
    vat_id: Annotated[str, StringConstraints(max_length=20)] = Field(
        description="an EU VAT id; a French one must match the SIREN"
    )
    address: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
    ]
    iban: Annotated[str, StringConstraints(max_length=50)] = Field(
        description="stored encrypted; shown whole to admins only"
    )


class LegalEntityRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    siren: str
    vat_id: str
    address: str
    iban: str = Field(description="masked (`FR76•••…0189`) except for admins")
    created_at: datetime


def _no_default(schema: dict[str, Any]) -> None:
    """An omitted field has no default value to show: it is just absent."""
    schema.pop("default", None)


class UserRead(BaseModel):
    """A person of the directory, with only the fields the caller may see.

    Every caller gets `id`, `username`, `name`, `departments` and `roles`.
    A field the caller may not see is left out of the object, never sent as
    null.
    """

    id: str
    username: str
    name: str | None
    email: str | None = Field(
        default=None,
        description=(
            "only for admins and services granted `directory.contact`; "
            "null when the person has no address"
        ),
        json_schema_extra=_no_default,
    )
    departments: list[str]
    roles: list[str]
    enabled: bool | SkipJsonSchema[None] = Field(
        default=None,
        description="only for admins and services: whether the account may sign in",
        json_schema_extra=_no_default,
    )


class DelegationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department: DepartmentCode
    delegate_id: UserId = Field(description="who decides in the caller's place")
    starts_on: date = Field(description="first day the delegate may decide")
    ends_on: date = Field(description="last day (included); at most 90 days")
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)
    ]


class DelegationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    department: str
    delegator_id: str
    delegate_id: str
    starts_on: date
    ends_on: date
    reason: str
    created_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None
