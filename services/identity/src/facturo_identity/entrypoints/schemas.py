"""HTTP schemas of the identity API, named by their boundary."""

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

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


class UserRead(BaseModel):
    id: str
    username: str
    name: str | None
    email: str | None
    departments: list[str]
    roles: list[str]
    enabled: bool


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
