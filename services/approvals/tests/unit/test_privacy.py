"""Approvals' part of privacy: handing over a person's data, erasing it."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import identity, topics

from .events import delegation, deliver_directory
from .test_approval_api import decide, open_request

TODAY = datetime.now(UTC).date()


async def collect(client: httpx.AsyncClient, body: dict[str, Any]) -> Any:
    response = await client.post(
        "/api/v1/privacy/exports", json=body, headers=auth("svc-identity")
    )
    assert response.status_code == 200, response.text
    return response.json()


async def erase(app: FastAPI, user_id: str | None) -> None:
    event = identity.PersonErased(
        erasure_id=str(uuid.uuid4()),
        user_id=user_id,
        email_sha256=None if user_id else "0" * 64,
        pseudonym="erased-1a2b3c4d",
    )
    runtime: Runtime = app.state.runtime
    headers = build_headers(event, source="/facturo/identity", actor="sub-ada")
    body = event.model_dump_json().encode()
    await runtime.consumers[0].process(runtime.broker, topics.DIRECTORY, body, headers)


async def marc_rejects_claires_invoice(
    app: FastAPI, client: httpx.AsyncClient
) -> dict[str, Any]:
    request = await open_request(app, client, author_id="sub-claire")
    response = await decide(
        client, "marc", request["id"], "reject", json={"reason": "wrong VAT"}
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_authors_deciders_and_delegations_are_handed_over(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await marc_rejects_claires_invoice(app, client)
    await deliver_directory(app, delegation(TODAY, TODAY + timedelta(days=3)))

    marc = await collect(client, {"user_id": "sub-marc"})
    claire = await collect(client, {"user_id": "sub-claire"})
    by_address = await collect(client, {"email": "marc@demo.facturo.test"})

    [decision] = marc["decisions"]
    assert (decision["request_id"], decision["decided_by_username"]) == (
        request["id"],
        "marc",
    )
    assert (decision["decision"], decision["reason"]) == ("rejected", "wrong VAT")
    assert [r["id"] for r in claire["requests_authored"]] == [request["id"]]
    assert [d["delegate_id"] for d in marc["delegations"]] == ["sub-claire"]
    assert claire["decisions"] == [] and marc["requests_authored"] == []
    assert by_address == {"requests_authored": [], "decisions": [], "delegations": []}


async def test_erasing_a_decider_pseudonymises_their_username_once(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await marc_rejects_claires_invoice(app, client)

    await erase(app, "sub-marc")
    once = await client.get(f"/api/v1/approvals/{request['id']}", headers=auth("alex"))
    await erase(app, "sub-marc")
    await erase(app, None)  # an address: nothing of it here
    twice = await client.get(f"/api/v1/approvals/{request['id']}", headers=auth("alex"))

    [step] = twice.json()["steps"]
    assert (step["decided_by"], step["decided_by_username"]) == (
        "sub-marc",
        "erased-1a2b3c4d",
    )
    assert step["reason"] == "wrong VAT"
    assert once.json() == twice.json()
    assert twice.json()["version"] == request["version"] + 1
    marc = await collect(client, {"user_id": "sub-marc"})
    assert [d["decided_by_username"] for d in marc["decisions"]] == ["erased-1a2b3c4d"]


@pytest.mark.parametrize("username", ["marc", "fanny", "alex", "ada", "svc"])
async def test_only_identity_collects(client: httpx.AsyncClient, username: str) -> None:
    response = await client.post(
        "/api/v1/privacy/exports",
        json={"user_id": "sub-marc"},
        headers=auth(username),
    )

    assert response.status_code == 403
