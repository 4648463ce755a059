"""Every route of every service, by every demo principal, on own and other department.

The expected outcome of each cell comes from the one table in `rules.py`:
allowed (2xx, and a list shows the seeded object exactly when the caller may
see it), 403 for a role that may not, 404 for an object the caller may not
see, with the same problem as for an id that names nothing. Every route also
refuses a request without a token with 401.
"""

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.testing import DEMO_PRINCIPALS, auth, running_app

from . import (
    approvals_probes,
    audit_probes,
    identity_probes,
    invoicing_probes,
    notifications_probes,
)
from .harness import (
    Call,
    NestedProbe,
    Probe,
    Route,
    World,
    app_routes,
    random_ids,
)
from .rules import ACCESS, WORKS_EVERYWHERE, Rule, Scope

DEPARTMENTS = ("SAL", "SRV")
ALLOWED = 0

NESTED: dict[str, dict[Route, NestedProbe]] = {
    "identity": identity_probes.NESTED,
    "invoicing": invoicing_probes.NESTED,
}
MEMBERS = {"claire": "SAL", "marc": "SAL", "tom": "SRV", "sophie": "SRV"}

SERVICES: dict[str, tuple[Callable[[str], FastAPI], dict[Route, Probe]]] = {
    "identity": (identity_probes.build, identity_probes.PROBES),
    "invoicing": (invoicing_probes.build, invoicing_probes.PROBES),
    "approvals": (approvals_probes.build, approvals_probes.PROBES),
    "audit": (audit_probes.build, audit_probes.PROBES),
    "notifications": (notifications_probes.build, notifications_probes.PROBES),
}


def roles_of(user: str) -> frozenset[str]:
    """The caller's roles, and a service account's client (rules name it)."""
    principal = DEMO_PRINCIPALS[user]
    roles = frozenset(role.value for role in principal.roles)
    if principal.is_service and principal.client_id:
        return roles | {principal.client_id}
    return roles


def sees(user: str, department: str) -> bool:
    return sees_any(user, [department])


def sees_any(user: str, departments: list[str]) -> bool:
    principal = DEMO_PRINCIPALS[user]
    return bool(roles_of(user) & WORKS_EVERYWHERE) or any(
        department in principal.departments for department in departments
    )


def departments_of(item: dict[str, Any]) -> list[str]:
    """An object's department, or a person's departments."""
    if "departments" in item:
        return list(item["departments"])
    return [item["department"]]


def expected(rule: Rule, call: Call, user: str, department: str) -> int:
    """ALLOWED, or the status of the refusal."""
    if not roles_of(user) & rule.roles:
        return 403
    if rule.scope is Scope.DEPARTMENT and not sees(user, department):
        return 404
    if rule.scope is Scope.RECIPIENT and user != call.owner:
        return 404
    return ALLOWED


async def send(
    client: httpx.AsyncClient,
    route: Route,
    call: Call,
    user: str | None,
    ids: dict[str, str] | None = None,
) -> httpx.Response:
    method, template = route
    headers = (auth(user) if user else {}) | call.headers
    return await client.request(
        method,
        template.format(**(call.ids if ids is None else ids)),
        json=call.json,
        params=call.params,
        headers=headers,
    )


def problem(response: httpx.Response) -> tuple[Any, ...]:
    body = response.json()
    return (response.status_code, body.get("title"), body.get("detail"))


def listed_items(response: httpx.Response) -> list[dict[str, Any]]:
    """A list's items; a CSV export's rows (its columns name them alike)."""
    if response.headers["content-type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))
    body = response.json()
    items = body["items"] if isinstance(body, dict) else body
    return list(items)


def item_id(item: dict[str, Any]) -> str:
    return str(item.get("id", item.get("seq")))


def list_failures(
    rule: Rule, call: Call, user: str, department: str, response: httpx.Response
) -> list[str]:
    items = listed_items(response)
    shown = call.listed in {item_id(i) for i in items}
    failures = []
    if shown != (expected(rule, call, user, department) == ALLOWED):
        failures.append(f"the {department} object is {'' if shown else 'not '}shown")
    if rule.scope is Scope.DEPARTMENT:
        hidden = {
            ",".join(departments_of(i)) or "no department"
            for i in items
            if not sees_any(user, departments_of(i))
        }
        failures += [f"lists an object of {d}" for d in sorted(hidden)]
    return failures


async def cell_failures(
    world: World, route: Route, rule: Rule, probe: Probe, user: str, department: str
) -> list[str]:
    call = await probe(world, department, user)
    response = await send(world.client, route, call, user)
    want = expected(rule, call, user, department)
    if call.listed is not None and want != 403:
        want = ALLOWED
    got = response.status_code
    if want == ALLOWED and not response.is_success:
        return [f"expected 2xx, got {got}: {response.text[:200]}"]
    if want != ALLOWED and got != want:
        return [f"expected {want}, got {got}: {response.text[:200]}"]
    if want == ALLOWED and call.listed is not None:
        return list_failures(rule, call, user, department, response)
    if want != ALLOWED and call.ids:
        missing = await send(world.client, route, call, user, random_ids(call.ids))
        if problem(missing) != problem(response):
            return [f"refusal {problem(response)} differs from {problem(missing)}"]
    return []


async def route_failures(
    world: World, route: Route, rule: Rule, probe: Probe
) -> list[str]:
    where = f"{route[0]} {route[1]}"
    failures = []
    anonymous = await send(world.client, route, await probe(world, "SAL", "ada"), None)
    if anonymous.status_code != 401:
        failures.append(f"{where} without a token: {anonymous.status_code}")
    for department in DEPARTMENTS:
        for user in DEMO_PRINCIPALS:
            found = await cell_failures(world, route, rule, probe, user, department)
            failures += [f"{where} as {user} on {department}: {f}" for f in found]
    return failures


@pytest.mark.parametrize("service", SERVICES)
def test_every_route_has_an_access_rule(service: str, tmp_path: Path) -> None:
    build, probes = SERVICES[service]
    served = set(app_routes(build(f"sqlite+aiosqlite:///{tmp_path}/s.db")))
    table = set(ACCESS[service])

    problems = [
        *(f"new route without an access rule: {m} {p}" for m, p in served - table),
        *(f"access rule for a route that is gone: {m} {p}" for m, p in table - served),
        *(f"route without a probe: {m} {p}" for m, p in table - set(probes)),
    ]

    assert not problems, f"{service}:\n" + "\n".join(sorted(problems))


@pytest.mark.parametrize("service", SERVICES)
async def test_access_matrix(service: str, database_url: str) -> None:
    build, probes = SERVICES[service]
    app = build(database_url)
    failures: list[str] = []

    async with running_app(app) as client:
        world = World(app, client)
        for route, rule in sorted(ACCESS[service].items()):
            if route in probes:
                failures += await route_failures(world, route, rule, probes[route])

    assert not failures, f"{len(failures)} cells:\n" + "\n".join(failures)


@pytest.mark.parametrize("service", NESTED)
async def test_ids_nested_in_bodies_are_checked(
    service: str, database_url: str
) -> None:
    """An id of another department in a body is refused like an unknown id."""
    build, _ = SERVICES[service]
    app = build(database_url)
    failures: list[str] = []

    async with running_app(app) as client:
        world = World(app, client)
        for (method, path), probe in sorted(NESTED[service].items()):
            for user, department in MEMBERS.items():
                other = next(d for d in DEPARTMENTS if d != department)
                bodies = await probe(world, department, other)
                seen = [
                    await client.request(method, path, json=body, headers=auth(user))
                    for body in (bodies.other, bodies.missing)
                ]
                if seen[0].is_success or problem(seen[0]) != problem(seen[1]):
                    failures.append(
                        f"{method} {path} as {user}: {problem(seen[0])} for "
                        f"{other}'s id, {problem(seen[1])} for no id"
                    )

    assert not failures, "\n".join(failures)
