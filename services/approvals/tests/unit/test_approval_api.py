"""The approvals API on SQLite and the in-memory broker."""

from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.exc import IntegrityError

from facturo_approvals.domain.policy import PolicyBook
from facturo_approvals.service_layer.commands import OpenApproval
from facturo_approvals.service_layer.opening import new_request
from facturo_chassis.messaging.outbox import pending_count
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import DEMO_PRINCIPALS, StaticVerifier, auth, principal
from facturo_contracts import approvals

from .events import deliver, outbox, submitted

GRANTED = approvals.ApprovalGranted.TYPE
REJECTED = approvals.ApprovalRejected.TYPE
REQUESTED = approvals.ApprovalRequested.TYPE


def add_principals(app: FastAPI, *extra: Any) -> None:
    """Let tests sign in as people beyond the demo set."""
    app.state.verifier = StaticVerifier(
        {**DEMO_PRINCIPALS, **{p.username: p for p in extra}}
    )


async def inbox(client: httpx.AsyncClient, user: str) -> dict[str, Any]:
    response = await client.get(
        "/api/v1/approvals", params={"status": "pending"}, headers=auth(user)
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def open_request(
    app: FastAPI, client: httpx.AsyncClient, **kwargs: Any
) -> dict[str, Any]:
    event = submitted(**kwargs)
    await deliver(app, event)
    listing = await client.get(
        "/api/v1/approvals", params={"status": "pending"}, headers=auth("alex")
    )
    [request] = [
        r for r in listing.json()["items"] if r["invoice_id"] == event.invoice_id
    ]
    return dict(request)


async def decide(
    client: httpx.AsyncClient,
    user: str,
    request_id: str,
    action: str = "approve",
    if_match: str | None = None,
    **kwargs: Any,
) -> httpx.Response:
    headers = auth(user) | ({"If-Match": if_match} if if_match else {})
    return await client.post(
        f"/api/v1/approvals/{request_id}/{action}", headers=headers, **kwargs
    )


async def test_submitted_invoice_opens_a_request_in_marcs_inbox(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    event = submitted(gross="1200.00")
    await deliver(app, event)

    marc = await inbox(client, "marc")
    sophie = await inbox(client, "sophie")

    assert marc["total"] == 1
    [item] = marc["items"]
    assert item["invoice_id"] == event.invoice_id
    assert item["department"] == "SAL"
    assert item["author_id"] == "sub-claire"
    assert item["gross"] == "1200.00"
    assert item["currency"] == "EUR"
    assert item["status"] == "pending"
    assert item["version"] == 1
    assert item["current_step"] == {"index": 0, "role": "approver"}
    assert [s["role"] for s in item["steps"]] == ["approver"]
    assert item["steps"][0]["decided_by"] is None
    assert sophie == {"items": [], "total": 0, "limit": 50, "offset": 0}
    [requested] = await outbox(app, REQUESTED)
    assert requested == {
        "request_id": item["id"],
        "invoice_id": event.invoice_id,
        "department": "SAL",
        "author_id": "sub-claire",
        "steps": 1,
    }


@pytest.mark.parametrize("user", ["claire", "tom", "ada"])
async def test_clerks_and_admins_cannot_list_approvals(
    app: FastAPI, client: httpx.AsyncClient, user: str
) -> None:
    await deliver(app, submitted())

    response = await client.get("/api/v1/approvals", headers=auth(user))

    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"


async def test_request_of_another_department_looks_missing(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)

    read = await client.get(
        f"/api/v1/approvals/{request['id']}", headers=auth("sophie")
    )
    approve = await decide(client, "sophie", request["id"])
    missing = await client.get("/api/v1/approvals/no-such-id", headers=auth("sophie"))

    assert read.status_code == 404
    assert approve.status_code == 404
    assert read.json()["detail"] == missing.json()["detail"]
    assert (await inbox(client, "marc"))["total"] == 1


async def test_marc_approves_and_the_grant_is_published(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)

    response = await decide(
        client, "marc", request["id"], json={"comment": "looks right"}
    )

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "granted"
    assert body["current_step"] is None
    assert body["version"] == 2
    assert response.headers["ETag"] == 'W/"2"'
    step = body["steps"][0]
    assert step["decided_by"] == "sub-marc"
    assert step["decided_by_username"] == "marc"
    assert step["decision"] == "approved"
    assert step["comment"] == "looks right"
    assert step["decided_at"] is not None
    assert await outbox(app, GRANTED) == [
        {
            "request_id": request["id"],
            "invoice_id": request["invoice_id"],
            "department": "SAL",
            "decided_by": "sub-marc",
            "on_behalf_of": None,
            "credit_note_id": None,
        }
    ]
    assert (await inbox(client, "marc"))["total"] == 0


async def test_approve_needs_no_body(app: FastAPI, client: httpx.AsyncClient) -> None:
    request = await open_request(app, client)

    response = await decide(client, "marc", request["id"])

    assert response.status_code == 200, response.text
    assert response.json()["steps"][0]["comment"] is None


async def test_decision_on_a_closed_request_is_a_conflict(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)
    await decide(client, "marc", request["id"])

    again = await decide(client, "marc", request["id"], "reject", json={"reason": "x"})

    assert again.status_code == 409
    assert again.json()["detail"] == "the approval request is already granted"
    assert await outbox(app, REJECTED) == []


async def test_the_author_cannot_approve_even_as_an_approver(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    claire = principal("claire2", ["approver", "clerk"], ["SAL"], subject="sub-claire")
    add_principals(app, claire)
    request = await open_request(app, client, author_id="sub-claire")

    response = await decide(client, "claire2", request["id"])

    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"] == "the author of an invoice cannot approve it"
    assert (await inbox(client, "claire2"))["total"] == 0
    assert await outbox(app, GRANTED) == []


async def test_clerk_author_is_refused_by_the_policy(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)

    response = await decide(client, "claire", request["id"])

    assert response.status_code == 403


@pytest.mark.parametrize("body", [None, {}, {"reason": ""}, {"reason": "   "}])
async def test_reject_requires_a_reason(
    app: FastAPI, client: httpx.AsyncClient, body: dict[str, str] | None
) -> None:
    request = await open_request(app, client)

    response = await decide(client, "marc", request["id"], "reject", json=body)

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    fresh = await client.get(f"/api/v1/approvals/{request['id']}", headers=auth("marc"))
    assert fresh.json()["status"] == "pending"


async def test_reason_longer_than_2000_is_refused(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)

    response = await decide(
        client, "marc", request["id"], "reject", json={"reason": "x" * 2001}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "body/reason"


async def test_rejection_is_published_with_its_reason(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)

    response = await decide(
        client, "marc", request["id"], "reject", json={"reason": "wrong customer"}
    )

    assert response.status_code == 200, response.text
    assert response.json()["status"] == "rejected"
    assert response.json()["steps"][0]["reason"] == "wrong customer"
    assert await outbox(app, REJECTED) == [
        {
            "request_id": request["id"],
            "invoice_id": request["invoice_id"],
            "department": "SAL",
            "decided_by": "sub-marc",
            "reason": "wrong customer",
            "on_behalf_of": None,
            "credit_note_id": None,
        }
    ]


async def test_large_amount_needs_marc_then_fanny(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client, gross="10000.00")
    assert [s["role"] for s in request["steps"]] == ["approver", "finance"]
    assert (await inbox(client, "fanny"))["total"] == 0

    early = await decide(client, "fanny", request["id"])
    first = await decide(client, "marc", request["id"])
    fanny_inbox = await inbox(client, "fanny")
    second = await decide(client, "fanny", request["id"])

    assert early.status_code == 403
    assert first.json()["status"] == "pending"
    assert first.json()["current_step"] == {"index": 1, "role": "finance"}
    assert await outbox(app, GRANTED) == [
        {
            "request_id": request["id"],
            "invoice_id": request["invoice_id"],
            "department": "SAL",
            "decided_by": "sub-fanny",
            "on_behalf_of": None,
            "credit_note_id": None,
        }
    ]
    assert await outbox(app, "approvals.request.step-approved.v1") == [
        {
            "request_id": request["id"],
            "invoice_id": request["invoice_id"],
            "department": "SAL",
            "step": 0,
            "role": "approver",
            "decided_by": "sub-marc",
            "on_behalf_of": None,
        }
    ]
    assert [r["id"] for r in fanny_inbox["items"]] == [request["id"]]
    assert second.json()["status"] == "granted"
    assert [s["decided_by"] for s in second.json()["steps"]] == [
        "sub-marc",
        "sub-fanny",
    ]


async def test_one_person_decides_at_most_one_step(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    boss = principal("marc2", ["approver", "finance"], ["SAL"], subject="sub-marc")
    add_principals(app, boss)
    request = await open_request(app, client, gross="25000")

    first = await decide(client, "marc2", request["id"])
    second = await decide(client, "marc2", request["id"])

    assert first.json()["current_step"] == {"index": 1, "role": "finance"}
    assert second.status_code == 403
    assert "already decided" in second.json()["detail"]
    assert (await inbox(client, "marc2"))["total"] == 0
    assert await outbox(app, GRANTED) == []


async def test_replayed_submission_opens_no_second_request(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    event = submitted()
    event_id = await deliver(app, event)

    await deliver(app, event, event_id=event_id)  # the same record again
    await deliver(app, event)  # the same fact under a new event id

    assert (await inbox(client, "marc"))["total"] == 1
    assert len(await outbox(app, REQUESTED)) == 1


async def test_resubmission_after_rejection_opens_a_new_request(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    first = await open_request(app, client)
    await decide(client, "marc", first["id"], "reject", json={"reason": "fix VAT"})

    await deliver(app, submitted(invoice_id=first["invoice_id"]))

    [second] = (await inbox(client, "marc"))["items"]
    assert second["invoice_id"] == first["invoice_id"]
    assert second["id"] != first["id"]


async def test_stale_if_match_is_refused(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client)

    stale = await decide(client, "marc", request["id"], if_match='W/"7"')
    read = await client.get(f"/api/v1/approvals/{request['id']}", headers=auth("marc"))
    fresh = await decide(client, "marc", request["id"], if_match=read.headers["ETag"])

    assert stale.status_code == 412
    assert stale.json()["current_version"] == 1
    assert read.headers["ETag"] == 'W/"1"'
    assert fresh.status_code == 200


async def test_auditor_sees_every_status_read_only(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    granted = await open_request(app, client)
    await decide(client, "marc", granted["id"])
    await open_request(app, client, department="SRV", author_id="sub-tom")

    everything = await client.get("/api/v1/approvals", headers=auth("alex"))
    only_granted = await client.get(
        "/api/v1/approvals", params={"status": "granted"}, headers=auth("alex")
    )
    srv = await client.get(
        "/api/v1/approvals", params={"department": "SRV"}, headers=auth("alex")
    )
    attempt = await decide(client, "alex", granted["id"])

    assert everything.json()["total"] == 2
    assert [r["id"] for r in only_granted.json()["items"]] == [granted["id"]]
    assert [r["department"] for r in srv.json()["items"]] == ["SRV"]
    assert attempt.status_code == 403


async def test_unknown_status_filter_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.get(
        "/api/v1/approvals", params={"status": "maybe"}, headers=auth("alex")
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["location"] == "query/status"


async def test_gross_stays_an_exact_decimal(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    request = await open_request(app, client, gross="9999.995")

    assert Decimal(request["gross"]) == Decimal("9999.995")
    assert [s["role"] for s in request["steps"]] == ["approver"]


async def test_database_refuses_a_second_open_request_per_invoice(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    first = await open_request(app, client)
    duplicate = OpenApproval(
        invoice_id=first["invoice_id"],
        department="SAL",
        author_id="sub-claire",
        currency="EUR",
        gross=Decimal("1"),
    )

    with pytest.raises(IntegrityError):
        async with runtime.sessions() as session, session.begin():
            session.add(new_request(duplicate, PolicyBook()))


async def test_relay_publishes_the_events_to_kafka(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    runtime: Runtime = app.state.runtime
    request = await open_request(app, client)
    await decide(client, "marc", request["id"])

    published = await runtime.relay.publish_batch()

    assert published == 2
    assert await pending_count(runtime.sessions, runtime.tables.outbox) == 0
