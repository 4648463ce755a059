"""Delegations as approvals applies them: granted, used, expired, revoked."""

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from fastapi import FastAPI

from facturo_approvals.service_layer.commands import ApproveStep
from facturo_approvals.service_layer.decisions import approve_step
from facturo_chassis.problems import Forbidden
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import DEMO_PRINCIPALS, auth
from facturo_contracts import approvals, identity

from .events import delegation, deliver, deliver_directory, outbox, submitted
from .test_approval_api import decide, inbox, open_request

TODAY = datetime.now(UTC).date()
WEEK = delegation(TODAY - timedelta(days=1), TODAY + timedelta(days=6))


async def test_a_delegate_decides_on_behalf_of_the_delegator(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    request = await open_request(app, client, author_id="sub-fanny")

    claires = await inbox(client, "claire")
    response = await decide(client, "claire", request["id"], json={"comment": "ok"})

    assert [r["id"] for r in claires["items"]] == [request["id"]]
    assert response.status_code == 200, response.text
    [step] = response.json()["steps"]
    assert (step["decided_by"], step["decided_on_behalf_of"]) == (
        "sub-claire",
        "sub-marc",
    )
    read = await client.get(f"/api/v1/approvals/{request['id']}", headers=auth("alex"))
    assert read.json()["steps"][0]["decided_on_behalf_of"] == "sub-marc"
    assert await outbox(app, approvals.ApprovalGranted.TYPE) == [
        {
            "request_id": request["id"],
            "invoice_id": request["invoice_id"],
            "department": "SAL",
            "decided_by": "sub-claire",
            "on_behalf_of": "sub-marc",
            "credit_note_id": None,
        }
    ]


async def test_a_delegate_rejects_on_behalf_of_the_delegator(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    request = await open_request(app, client, author_id="sub-fanny")

    response = await decide(
        client, "claire", request["id"], "reject", json={"reason": "wrong rate"}
    )

    assert response.status_code == 200, response.text
    [rejected] = await outbox(app, approvals.ApprovalRejected.TYPE)
    assert (rejected["decided_by"], rejected["on_behalf_of"]) == (
        "sub-claire",
        "sub-marc",
    )


async def test_a_delegate_never_decides_their_own_invoice(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    request = await open_request(app, client, author_id="sub-claire")

    claires = await inbox(client, "claire")
    response = await decide(client, "claire", request["id"])

    assert claires["total"] == 0
    assert response.status_code == 403
    assert response.json()["detail"] == "the author of an invoice cannot approve it"


async def test_a_delegation_reaches_only_its_department(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    request = await open_request(app, client, department="SRV", author_id="sub-tom")

    response = await decide(client, "claire", request["id"])
    missing = await decide(client, "claire", "no-such-request")

    assert response.status_code == missing.status_code == 403
    assert response.json()["detail"] == missing.json()["detail"]


async def test_an_expired_delegation_lets_nobody_decide(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    last_week = delegation(TODAY - timedelta(days=8), TODAY - timedelta(days=1))
    await deliver_directory(app, last_week)
    request = await open_request(app, client, author_id="sub-fanny")

    response = await decide(client, "claire", request["id"])
    claires = await client.get(
        "/api/v1/approvals", params={"status": "pending"}, headers=auth("claire")
    )

    assert response.status_code == 403
    assert response.json()["detail"] == "your roles do not allow approval.decide"
    assert claires.status_code == 403


async def test_the_day_after_ends_on_the_handler_refuses(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    request = await open_request(app, client, author_id="sub-fanny")
    runtime: Runtime = app.state.runtime

    with pytest.raises(Forbidden, match=r"do not allow approval\.decide"):
        async with runtime.unit_of_work("sub-claire") as uow:
            await approve_step(
                ApproveStep(request["id"]),
                uow,
                DEMO_PRINCIPALS["claire"],
                today=WEEK.ends_on + timedelta(days=1),
            )

    still = await client.get(f"/api/v1/approvals/{request['id']}", headers=auth("alex"))
    assert still.json()["status"] == "pending"


async def test_a_revoked_delegation_lets_nobody_decide(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    revoked = identity.DelegationRevoked(**WEEK.model_dump())
    await deliver_directory(app, revoked)
    await deliver_directory(app, WEEK)  # a late copy of the grant changes nothing
    request = await open_request(app, client, author_id="sub-fanny")

    response = await decide(client, "claire", request["id"])

    assert response.status_code == 403


async def test_the_delegator_and_the_delegate_decide_one_step_between_them(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    request = await open_request(app, client, gross="12000.00", author_id="sub-sophie")

    first = await decide(client, "claire", request["id"])
    again = await decide(client, "claire", request["id"])
    last = await decide(client, "fanny", request["id"])

    assert first.json()["current_step"] == {"index": 1, "role": "finance"}
    assert again.status_code == 403
    assert last.json()["status"] == "granted"
    assert [
        (s["decided_by"], s["decided_on_behalf_of"]) for s in last.json()["steps"]
    ] == [("sub-claire", "sub-marc"), ("sub-fanny", None)]
    [step] = await outbox(app, approvals.ApprovalStepApproved.TYPE)
    assert step["on_behalf_of"] == "sub-marc"


async def test_replayed_delegation_events_are_applied_once(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    await deliver_directory(app, WEEK)
    await deliver_directory(app, WEEK)
    await deliver(app, submitted(author_id="sub-fanny"))

    assert (await inbox(client, "claire"))["total"] == 1
