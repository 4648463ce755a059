"""HTTP schemas of the identity API, named by their boundary."""

from typing import Annotated

from pydantic import BaseModel, StringConstraints

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
