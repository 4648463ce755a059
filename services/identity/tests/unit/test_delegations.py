"""Delegations over HTTP: granted, listed, refused and revoked."""

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import identity
from facturo_contracts.envelope import H_SUBJECT, H_TYPE

TODAY = datetime.now(UTC).date()


def terms(**changes: Any) -> dict[str, Any]:
    body = {
        "department": "SAL",
        "delegate_id": "sub-claire",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=6)).isoformat(),
        "reason": "holidays",
    }
    return body | changes


async def grant(client: httpx.AsyncClient, user: str = "marc", **changes: Any) -> Any:
    return await client.post(
        "/api/v1/delegations", json=terms(**changes), headers=auth(user)
    )


async def events(app: FastAPI, kind: str) -> list[tuple[str, dict[str, Any]]]:
    """(subject, body) of the outbox rows of this event type, in order."""
    runtime: Runtime = app.state.runtime
    table = runtime.tables.outbox
    async with runtime.sessions() as session:
        rows = (await session.execute(select(table).order_by(table.c.seq))).all()
    return [
        (row.headers[H_SUBJECT], json.loads(row.body))
        for row in rows
        if row.headers[H_TYPE] == kind
    ]


async def listed(client: httpx.AsyncClient, user: str, **params: str) -> list[str]:
    response = await client.get(
        "/api/v1/delegations", params=params, headers=auth(user)
    )
    assert response.status_code == 200, response.text
    return [d["id"] for d in response.json()]


async def test_an_approver_delegates_to_a_member_of_their_department(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    response = await grant(client)

    assert response.status_code == 201, response.text
    delegation = response.json()
    assert response.headers["Location"] == f"/api/v1/delegations/{delegation['id']}"
    assert {k: v for k, v in delegation.items() if k not in ("id", "created_at")} == {
        "department": "SAL",
        "delegator_id": "sub-marc",
        "delegate_id": "sub-claire",
        "starts_on": TODAY.isoformat(),
        "ends_on": (TODAY + timedelta(days=6)).isoformat(),
        "reason": "holidays",
        "revoked_at": None,
        "revoked_by": None,
    }
    assert await events(app, identity.DelegationGranted.TYPE) == [
        (
            delegation["id"],
            {
                "id": delegation["id"],
                "delegator_id": "sub-marc",
                "delegate_id": "sub-claire",
                "department": "SAL",
                "starts_on": TODAY.isoformat(),
                "ends_on": (TODAY + timedelta(days=6)).isoformat(),
            },
        )
    ]


async def test_parties_admins_and_auditors_see_a_delegation_others_do_not(
    client: httpx.AsyncClient,
) -> None:
    delegation_id = (await grant(client)).json()["id"]

    seen = {user: await listed(client, user) for user in ("marc", "claire", "ada")}
    seen["alex"] = await listed(client, "alex")

    assert seen == {user: [delegation_id] for user in seen}
    assert await listed(client, "tom") == []
    assert await listed(client, "sophie") == []


async def test_active_on_keeps_the_delegations_in_force_that_day(
    client: httpx.AsyncClient,
) -> None:
    delegation_id = (await grant(client)).json()["id"]

    last_day = (TODAY + timedelta(days=6)).isoformat()
    day_after = (TODAY + timedelta(days=7)).isoformat()

    assert await listed(client, "marc", active_on=last_day) == [delegation_id]
    assert await listed(client, "marc", active_on=day_after) == []


@pytest.mark.parametrize("user", ["fanny", "svc"])
async def test_finance_and_services_do_not_read_delegations(
    client: httpx.AsyncClient, user: str
) -> None:
    response = await client.get("/api/v1/delegations", headers=auth(user))

    assert response.status_code == 403


async def test_nobody_delegates_to_themselves(client: httpx.AsyncClient) -> None:
    response = await grant(client, delegate_id="sub-marc")

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "delegate_id", "message": "you cannot delegate to yourself"}
    ]


@pytest.mark.parametrize("delegate", ["sub-tom", "sub-fanny", "sub-nobody"])
async def test_the_delegate_must_be_a_member_of_the_department(
    client: httpx.AsyncClient, delegate: str
) -> None:
    response = await grant(client, delegate_id=delegate)

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "delegate_id", "message": "not a member of SAL"}
    ]


async def test_dates_are_checked_together(client: httpx.AsyncClient) -> None:
    backwards = await grant(client, ends_on=(TODAY - timedelta(days=1)).isoformat())
    too_long = await grant(client, ends_on=(TODAY + timedelta(days=90)).isoformat())
    longest = await grant(client, ends_on=(TODAY + timedelta(days=89)).isoformat())

    assert backwards.status_code == too_long.status_code == 422
    assert backwards.json()["errors"] == [
        {"location": "ends_on", "message": "must not be before starts_on"}
    ]
    assert too_long.json()["errors"] == [
        {"location": "ends_on", "message": "at most 90 days"}
    ]
    assert longest.status_code == 201


async def test_only_approvers_of_that_department_delegate(
    client: httpx.AsyncClient,
) -> None:
    other_department = await grant(client, "sophie")
    clerk = await grant(client, "claire", delegate_id="sub-marc")
    admin = await grant(client, "ada")

    assert other_department.status_code == 404
    assert other_department.json()["detail"] == "not found"
    assert (clerk.status_code, admin.status_code) == (403, 403)


async def test_the_delegator_revokes_once(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    delegation_id = (await grant(client)).json()["id"]
    path = f"/api/v1/delegations/{delegation_id}"

    first = await client.delete(path, headers=auth("marc"))
    again = await client.delete(path, headers=auth("marc"))

    assert (first.status_code, again.status_code) == (204, 204)
    [(subject, body)] = await events(app, identity.DelegationRevoked.TYPE)
    assert (subject, body["delegator_id"], body["delegate_id"]) == (
        delegation_id,
        "sub-marc",
        "sub-claire",
    )
    [revoked] = (await client.get("/api/v1/delegations", headers=auth("ada"))).json()
    assert revoked["revoked_by"] == "sub-marc"
    assert await listed(client, "claire", active_on=TODAY.isoformat()) == []


async def test_an_admin_revokes_others_cannot(client: httpx.AsyncClient) -> None:
    delegation_id = (await grant(client)).json()["id"]
    path = f"/api/v1/delegations/{delegation_id}"

    stranger = await client.delete(path, headers=auth("sophie"))
    missing = await client.delete("/api/v1/delegations/nope", headers=auth("sophie"))
    delegate = await client.delete(path, headers=auth("claire"))
    admin = await client.delete(path, headers=auth("ada"))

    assert stranger.status_code == missing.status_code == 404
    assert stranger.json()["detail"] == missing.json()["detail"]
    assert delegate.status_code == 403
    assert admin.status_code == 204
