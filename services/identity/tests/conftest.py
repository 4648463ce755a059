import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field, replace
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth, running_app
from facturo_contracts.envelope import H_SUBJECT, H_TYPE
from facturo_identity.bootstrap import create_app
from facturo_identity.domain.directory import Department, DirectoryUser
from facturo_identity.domain.errors import DepartmentExists, DirectoryUnavailable
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
        service_account="service" in roles,
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
    changes: list[tuple[str, str, str]] = field(default_factory=list)

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

    async def user_ids_by_email(self, email: str) -> list[str]:
        self._check()
        wanted = email.strip().lower()
        return [u.id for u in self.users.values() if (u.email or "") == wanted]

    async def create_department(self, department: Department) -> None:
        self._check()
        if any(d.code == department.code for d in self.departments_list):
            raise DepartmentExists(department.code)
        self.departments_list.append(department)

    async def assign_legal_entity(self, department: str, legal_entity_id: str) -> None:
        self._check()
        [found] = [d for d in self.departments_list if d.code == department]
        index = self.departments_list.index(found)
        self.departments_list[index] = replace(found, legal_entity=legal_entity_id)
        self.changes.append(("assign legal entity", department, legal_entity_id))

    async def add_member(self, user_id: str, department: str) -> None:
        self._change(user_id, departments=(department,), adding=True)

    async def remove_member(self, user_id: str, department: str) -> None:
        self._change(user_id, departments=(department,), adding=False)

    async def grant_role(self, user_id: str, role: str) -> None:
        self._change(user_id, roles=(role,), adding=True)

    async def revoke_role(self, user_id: str, role: str) -> None:
        self._change(user_id, roles=(role,), adding=False)

    async def disable(self, user_id: str) -> None:
        self._check()
        self.users[user_id] = replace(self.users[user_id], enabled=False)
        self.changes.append(("disable", user_id, ""))

    async def pseudonymise(self, user_id: str, pseudonym: str) -> None:
        self._check()
        user = replace(self.users[user_id], username=pseudonym, name=None, email=None)
        self.users[user_id] = replace(user, enabled=False)
        self.changes.append(("pseudonymise", user_id, pseudonym))

    def _change(
        self,
        user_id: str,
        *,
        adding: bool,
        departments: tuple[str, ...] = (),
        roles: tuple[str, ...] = (),
    ) -> None:
        """Record one change and apply it, as Keycloak would."""
        self._check()
        user = self.users[user_id]
        kind = "departments" if departments else "roles"
        values = set(getattr(user, kind))
        values = (
            values | set(departments + roles)
            if adding
            else values - set(departments + roles)
        )
        self.users[user_id] = replace(user, **{kind: tuple(sorted(values))})
        verb = "add" if adding else "remove"
        self.changes.append((f"{verb} {kind}", user_id, (departments + roles)[0]))

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


Published = Callable[[], Awaitable[list[tuple[str, str, dict[str, Any]]]]]


@pytest.fixture
def published(app: FastAPI) -> Published:
    """(type, subject, body) of every outbox row so far, in order."""

    async def rows() -> list[tuple[str, str, dict[str, Any]]]:
        runtime: Runtime = app.state.runtime
        table = runtime.tables.outbox
        async with runtime.sessions() as session:
            found = await session.execute(select(table).order_by(table.c.seq))
        return [
            (row.headers[H_TYPE], row.headers[H_SUBJECT], json.loads(row.body))
            for row in found
        ]

    return rows


DEMO_COMPANY = {
    "name": "Facturo Démo SAS",
    "siren": "812345676",
    "vat_id": "FR19812345676",
    "address": "12 rue de la Paix, 75002 Paris, France",
    "iban": "FR76 3000 6000 0112 3456 7890 189",
}


@pytest.fixture
def company() -> dict[str, str]:
    return dict(DEMO_COMPANY)


@pytest.fixture
async def legal_entity_id(client: httpx.AsyncClient) -> str:
    """The demo company, created by ada through the API."""
    response = await client.post(
        "/api/v1/legal-entities", json=DEMO_COMPANY, headers=auth("ada")
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])
