"""Identity: the app on an in-memory directory, and each route."""

import itertools
import string
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi import FastAPI
from stdnum import luhn

from facturo_chassis.privacy import PersonalDataQuery
from facturo_chassis.testing import auth
from facturo_identity.bootstrap import create_app
from facturo_identity.domain.directory import Department
from facturo_identity.settings import IdentitySettings

from .fakes import DEPARTMENTS, IdentityDirectory
from .harness import Call, Nested, NestedProbe, Probe, Route, World, ok

MEMBERS = {"SAL": "sub-claire", "SRV": "sub-tom"}
APPROVERS = {"SAL": "marc", "SRV": "sophie"}


COMPANY = {
    "name": "Facturo Démo SAS",
    "siren": "812345676",
    "vat_id": "FR19812345676",
    "address": "12 rue de la Paix, 75002 Paris, France",
    "iban": "FR7630006000011234567890189",
}


class ManagedIdentityDirectory(IdentityDirectory):
    """The demo directory, changed in memory as Keycloak would be."""

    def __init__(self) -> None:
        super().__init__()
        self._departments = list(DEPARTMENTS)

    async def departments(self) -> list[Department]:
        return list(self._departments)

    async def create_department(self, department: Department) -> None:
        self._departments.append(department)

    async def assign_legal_entity(self, department: str, legal_entity_id: str) -> None:
        self._departments = [
            replace(d, legal_entity=legal_entity_id) if d.code == department else d
            for d in self._departments
        ]

    async def add_member(self, user_id: str, department: str) -> None:
        user = self._users[user_id]
        codes = tuple(sorted({*user.departments, department}))
        self._users[user_id] = replace(user, departments=codes)

    async def remove_member(self, user_id: str, department: str) -> None:
        user = self._users[user_id]
        codes = tuple(c for c in user.departments if c != department)
        self._users[user_id] = replace(user, departments=codes)

    async def grant_role(self, user_id: str, role: str) -> None:
        user = self._users[user_id]
        self._users[user_id] = replace(user, roles=tuple({*user.roles, role}))

    async def revoke_role(self, user_id: str, role: str) -> None:
        user = self._users[user_id]
        roles = tuple(r for r in user.roles if r != role)
        self._users[user_id] = replace(user, roles=roles)

    async def disable(self, user_id: str) -> None:
        self._users[user_id] = replace(self._users[user_id], enabled=False)

    async def pseudonymise(self, user_id: str, pseudonym: str) -> None:
        user = replace(self._users[user_id], username=pseudonym, email=None)
        self._users[user_id] = replace(user, name=None, enabled=False)


class NoOtherServices:
    """The other services' parts of an export, all empty."""

    async def collect(self, query: PersonalDataQuery) -> dict[str, dict[str, Any]]:
        services = ("invoicing", "approvals", "audit", "notifications")
        return {name: {} for name in services}


def build(database_url: str) -> FastAPI:
    settings = IdentitySettings(database_url=database_url)
    return create_app(
        settings, directory=ManagedIdentityDirectory(), collectors=NoOtherServices()
    )


async def no_object(world: World, department: str, user: str) -> Call:
    return Call()


async def list_users(world: World, department: str, user: str) -> Call:
    return Call(listed=MEMBERS[department])


async def get_user(world: World, department: str, user: str) -> Call:
    return Call(ids={"user_id": MEMBERS[department]})


def delegation_terms(department: str) -> dict[str, str]:
    today = datetime.now(UTC).date()
    return {
        "department": department,
        "delegate_id": MEMBERS[department],
        "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=6)).isoformat(),
        "reason": "holidays",
    }


async def new_delegation(world: World, department: str) -> str:
    """The department's approver delegates to its clerk."""
    response = await world.client.post(
        "/api/v1/delegations",
        json=delegation_terms(department),
        headers=auth(APPROVERS[department]),
    )
    return str(ok(response)["id"])


async def delegation_of(world: World, department: str) -> str:
    key = f"delegation-{department}"
    if key not in world.kept:
        world.kept[key] = await new_delegation(world, department)
    return str(world.kept[key])


async def post_delegation(world: World, department: str, user: str) -> Call:
    return Call(json=delegation_terms(department))


async def list_delegations(world: World, department: str, user: str) -> Call:
    return Call(listed=await delegation_of(world, department))


async def delete_delegation(world: World, department: str, user: str) -> Call:
    return Call(ids={"delegation_id": await new_delegation(world, department)})


async def nested_delegate(world: World, department: str, other: str) -> Nested:
    """A delegation of `department` to a member of `other`, or to nobody."""
    return Nested(
        other=delegation_terms(department) | {"delegate_id": MEMBERS[other]},
        missing=delegation_terms(department) | {"delegate_id": "sub-nobody"},
    )


async def legal_entity(world: World) -> str:
    if "legal-entity" not in world.kept:
        response = await world.client.post(
            "/api/v1/legal-entities", json=COMPANY, headers=auth("ada")
        )
        world.kept["legal-entity"] = ok(response)["id"]
    return str(world.kept["legal-entity"])


CODES = ("".join(c) for c in itertools.product(string.ascii_uppercase, repeat=3))


async def post_department(world: World, department: str, user: str) -> Call:
    """A department with a code never used before, for a legal entity."""
    body = {"code": next(CODES), "name": "New", "legal_entity_id": ""}
    return Call(json=body | {"legal_entity_id": await legal_entity(world)})


async def membership(world: World, department: str, user: str) -> Call:
    """The department's member in the other department: delegations stay valid."""
    other = next(code for code in MEMBERS if code != department)
    return Call(ids={"user_id": MEMBERS[department], "code": other})


async def finance_role(world: World, department: str, user: str) -> Call:
    return Call(ids={"user_id": MEMBERS[department], "role": "finance"})


async def disable(world: World, department: str, user: str) -> Call:
    return Call(ids={"user_id": MEMBERS[department]})


SIRENS = (f"{n:08d}{luhn.calc_check_digit(f'{n:08d}')}" for n in itertools.count(1))


async def post_legal_entity(world: World, department: str, user: str) -> Call:
    """A company with a SIREN never used before."""
    await legal_entity(world)
    return Call(json=COMPANY | {"siren": next(SIRENS), "vat_id": "BE0403170701"})


async def list_legal_entities(world: World, department: str, user: str) -> Call:
    return Call(listed=await legal_entity(world))


async def get_legal_entity(world: World, department: str, user: str) -> Call:
    return Call(ids={"legal_entity_id": await legal_entity(world)})


async def post_export(world: World, department: str, user: str) -> Call:
    return Call(json={"user_id": MEMBERS[department]})


def erasure_of(department: str) -> dict[str, str]:
    """An address that is nobody's account: the demo people stay as they are."""
    return {"email": f"contact-{department}@example.com", "reason": "request"}


async def post_erasure(world: World, department: str, user: str) -> Call:
    return Call(json=erasure_of(department))


async def get_erasure(world: World, department: str, user: str) -> Call:
    key = f"erasure-{department}"
    if key not in world.kept:
        response = await world.client.post(
            "/api/v1/privacy/erasures", json=erasure_of(department), headers=auth("ada")
        )
        world.kept[key] = ok(response)["id"]
    return Call(ids={"erasure_id": str(world.kept[key])})


NESTED: dict[Route, NestedProbe] = {("POST", "/api/v1/delegations"): nested_delegate}

PROBES: dict[Route, Probe] = {
    ("GET", "/api/v1/me"): no_object,
    ("GET", "/api/v1/departments"): no_object,
    ("GET", "/api/v1/users"): list_users,
    ("GET", "/api/v1/users/{user_id}"): get_user,
    ("POST", "/api/v1/delegations"): post_delegation,
    ("GET", "/api/v1/delegations"): list_delegations,
    ("DELETE", "/api/v1/delegations/{delegation_id}"): delete_delegation,
    ("POST", "/api/v1/departments"): post_department,
    ("PUT", "/api/v1/users/{user_id}/departments/{code}"): membership,
    ("DELETE", "/api/v1/users/{user_id}/departments/{code}"): membership,
    ("PUT", "/api/v1/users/{user_id}/roles/{role}"): finance_role,
    ("DELETE", "/api/v1/users/{user_id}/roles/{role}"): finance_role,
    ("POST", "/api/v1/users/{user_id}/disable"): disable,
    ("POST", "/api/v1/legal-entities"): post_legal_entity,
    ("GET", "/api/v1/legal-entities"): list_legal_entities,
    ("GET", "/api/v1/legal-entities/{legal_entity_id}"): get_legal_entity,
    ("POST", "/api/v1/privacy/exports"): post_export,
    ("POST", "/api/v1/privacy/erasures"): post_erasure,
    ("GET", "/api/v1/privacy/erasures/{erasure_id}"): get_erasure,
}
