"""An admin's change that takes authority away revokes the delegations it
invalidates, in the same transaction, one `DelegationRevoked` each."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_identity.adapters.orm import Delegation
from facturo_identity.domain.errors import DirectoryUnavailable

TODAY = datetime.now(UTC).date()
REVOKED = "identity.directory.delegation-revoked.v1"


async def grant(client: httpx.AsyncClient, delegator: str, **terms: str) -> str:
    body = {
        "department": "SAL",
        "delegate_id": "sub-claire",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=6)).isoformat(),
        "reason": "holidays",
    } | terms
    response = await client.post(
        "/api/v1/delegations", json=body, headers=auth(delegator)
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def stored(
    app: FastAPI, delegator: str, delegate: str, department: str, days: int = 6
) -> str:
    """A delegation written straight to the table (any parties, any dates)."""
    runtime: Runtime = app.state.runtime
    delegation_id = str(uuid.uuid4())
    async with runtime.sessions() as session, session.begin():
        session.add(
            Delegation(
                id=delegation_id,
                department=department,
                delegator_id=delegator,
                delegate_id=delegate,
                starts_on=TODAY - timedelta(days=10),
                ends_on=TODAY + timedelta(days=days),
                reason="cover",
                created_at=datetime.now(UTC),
            )
        )
    return delegation_id


async def revoked(published: Any) -> list[str]:
    """The delegation ids of the DelegationRevoked events so far, sorted."""
    return sorted(body["id"] for kind, _, body in await published() if kind == REVOKED)


async def revokers(client: httpx.AsyncClient) -> dict[str, str | None]:
    response = await client.get("/api/v1/delegations", headers=auth("ada"))
    return {d["id"]: d["revoked_by"] for d in response.json()}


async def change(client: httpx.AsyncClient, method: str, path: str) -> None:
    response = await client.request(
        method, f"/api/v1/users/{path}", headers=auth("ada")
    )
    assert response.status_code == 204, response.text


async def test_leaving_a_department_ends_what_was_given_or_received_there(
    app: FastAPI, client: httpx.AsyncClient, published: Any
) -> None:
    received = await grant(client, "marc")
    elsewhere = await stored(app, "sub-sophie", "sub-claire", "SRV")
    given = await stored(app, "sub-claire", "sub-tom", "SAL")

    await change(client, "DELETE", "sub-claire/departments/SAL")

    assert await revoked(published) == sorted([received, given])
    assert (await revokers(client))[received] == "sub-ada"
    assert (await revokers(client))[elsewhere] is None


async def test_losing_the_approver_role_ends_what_was_given_only(
    app: FastAPI, client: httpx.AsyncClient, published: Any
) -> None:
    given = await grant(client, "marc")
    elsewhere = await stored(app, "sub-marc", "sub-tom", "SRV")
    received = await stored(app, "sub-paul", "sub-marc", "SAL")

    await change(client, "DELETE", "sub-marc/roles/approver")

    assert await revoked(published) == sorted([given, elsewhere])
    assert (await revokers(client))[received] is None


@pytest.mark.parametrize("role", ["clerk", "admin"])
async def test_losing_another_role_ends_nothing(
    client: httpx.AsyncClient, published: Any, role: str
) -> None:
    await grant(client, "marc")
    await change(client, "PUT", f"sub-marc/roles/{role}")

    await change(client, "DELETE", f"sub-marc/roles/{role}")

    assert await revoked(published) == []


async def test_a_disabled_account_ends_everything_it_gave_or_received(
    app: FastAPI, client: httpx.AsyncClient, published: Any
) -> None:
    received = await grant(client, "marc")
    given = await stored(app, "sub-claire", "sub-tom", "SRV")
    others = await grant(client, "sophie", department="SRV", delegate_id="sub-tom")

    await change(client, "POST", "sub-claire/disable")

    assert await revoked(published) == sorted([received, given])
    assert (await revokers(client))[others] is None


async def test_an_erased_person_ends_everything_they_gave_or_received(
    app: FastAPI, client: httpx.AsyncClient, published: Any
) -> None:
    received = await grant(client, "marc")
    given = await stored(app, "sub-claire", "sub-tom", "SRV")
    others = await grant(client, "sophie", department="SRV", delegate_id="sub-tom")

    response = await client.post(
        "/api/v1/privacy/erasures",
        json={"user_id": "sub-claire", "reason": "left the company"},
        headers=auth("ada"),
    )

    assert response.status_code == 202, response.text
    assert await revoked(published) == sorted([received, given])
    assert (await revokers(client))[others] is None


async def test_revoked_and_finished_delegations_are_left_alone(
    app: FastAPI, client: httpx.AsyncClient, published: Any
) -> None:
    ended = await stored(app, "sub-marc", "sub-claire", "SAL", days=-1)
    withdrawn = await grant(client, "marc")
    await client.delete(f"/api/v1/delegations/{withdrawn}", headers=auth("marc"))

    await change(client, "POST", "sub-claire/disable")

    assert await revoked(published) == [withdrawn]
    assert (await revokers(client))[ended] is None


async def test_a_refusal_from_keycloak_revokes_nothing(
    client: httpx.AsyncClient, published: Any, directory: Any
) -> None:
    delegation = await grant(client, "marc")

    async def refuse(user_id: str) -> None:
        raise DirectoryUnavailable("the directory answered 503: /users")

    directory.disable = refuse
    response = await client.post(
        "/api/v1/users/sub-claire/disable", headers=auth("ada")
    )

    assert response.status_code == 503
    assert await revoked(published) == []
    assert (await revokers(client))[delegation] is None
