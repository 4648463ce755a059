from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.testing import running_app
from facturo_identity.bootstrap import create_app
from facturo_identity.domain.directory import Department, DirectoryUser
from facturo_identity.domain.errors import DirectoryUnavailable
from facturo_identity.settings import IdentitySettings


def person(
    username: str,
    roles: tuple[str, ...],
    departments: tuple[str, ...] = (),
    *,
    enabled: bool = True,
) -> DirectoryUser:
    """A directory entry whose id is the demo principal's subject."""
    return DirectoryUser(
        id=f"sub-{username}",
        username=username,
        name=username.title(),
        email=f"{username}@demo.facturo.test",
        departments=departments,
        roles=roles,
        enabled=enabled,
    )


DEMO_DEPARTMENTS = [
    Department("TRN", "Training"),
    Department("SAL", "Sales"),
    Department("SRV", "Services"),
]

DEMO_USERS = [
    person("claire", ("clerk",), ("SAL",)),
    person("marc", ("approver",), ("SAL",)),
    person("tom", ("clerk",), ("SRV",)),
    person("sophie", ("approver",), ("SRV",)),
    person("fanny", ("finance",)),
    person("alex", ("auditor",)),
    person("ada", ("admin",)),
    person("paul", ("clerk",), ("TRN",), enabled=False),
    person("service-account-facturo-invoicing", ("service",), ("SAL",)),
]


@dataclass
class FakeDirectory:
    """An in-memory directory, for tests only; `down` makes every call fail."""

    departments_list: list[Department] = field(
        default_factory=lambda: list(DEMO_DEPARTMENTS)
    )
    users: dict[str, DirectoryUser] = field(
        default_factory=lambda: {u.id: u for u in DEMO_USERS}
    )
    down: bool = False
    department_calls: int = 0

    async def departments(self) -> list[Department]:
        self._check()
        self.department_calls += 1
        return list(self.departments_list)

    async def user(self, user_id: str) -> DirectoryUser | None:
        self._check()
        return self.users.get(user_id)

    async def everyone(self) -> list[str]:
        self._check()
        return list(self.users)

    async def members(self, department: str) -> list[str]:
        self._check()
        return [u.id for u in self.users.values() if department in u.departments]

    async def holders(self, role: str) -> list[str]:
        self._check()
        return [u.id for u in self.users.values() if role in u.roles]

    def _check(self) -> None:
        if self.down:
            raise DirectoryUnavailable("the directory answered 503: /users")


@pytest.fixture
def directory() -> FakeDirectory:
    return FakeDirectory()


@pytest.fixture
def settings(database_url: str) -> IdentitySettings:
    return IdentitySettings(database_url=database_url)


@pytest.fixture
def app(settings: IdentitySettings, directory: FakeDirectory) -> FastAPI:
    return create_app(settings, directory=directory)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(app) as client:
        yield client
