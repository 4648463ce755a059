"""Identity: the app on an in-memory directory, and each route."""

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_identity.bootstrap import create_app
from facturo_identity.settings import IdentitySettings

from .fakes import IdentityDirectory
from .harness import Call, Nested, NestedProbe, Probe, Route, World, ok

MEMBERS = {"SAL": "sub-claire", "SRV": "sub-tom"}
APPROVERS = {"SAL": "marc", "SRV": "sophie"}


def build(database_url: str) -> FastAPI:
    settings = IdentitySettings(database_url=database_url)
    return create_app(settings, directory=IdentityDirectory())


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


NESTED: dict[Route, NestedProbe] = {("POST", "/api/v1/delegations"): nested_delegate}

PROBES: dict[Route, Probe] = {
    ("GET", "/api/v1/me"): no_object,
    ("GET", "/api/v1/departments"): no_object,
    ("GET", "/api/v1/users"): list_users,
    ("GET", "/api/v1/users/{user_id}"): get_user,
    ("POST", "/api/v1/delegations"): post_delegation,
    ("GET", "/api/v1/delegations"): list_delegations,
    ("DELETE", "/api/v1/delegations/{delegation_id}"): delete_delegation,
}
