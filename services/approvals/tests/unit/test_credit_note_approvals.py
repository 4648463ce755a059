"""Credit notes go through approval like invoices, as their own documents."""

import uuid
from typing import Any

import httpx
from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_contracts import approvals

from .events import credit_note_submitted, deliver, outbox

GRANTED = approvals.ApprovalGranted.TYPE
REJECTED = approvals.ApprovalRejected.TYPE


async def requests_of(client: httpx.AsyncClient, invoice_id: str) -> list[Any]:
    listing = await client.get(
        "/api/v1/approvals", params={"limit": "500"}, headers=auth("alex")
    )
    assert listing.status_code == 200, listing.text
    return [r for r in listing.json()["items"] if r["invoice_id"] == invoice_id]


async def test_submitted_credit_note_opens_a_request_for_itself(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    event = credit_note_submitted(str(uuid.uuid4()), gross="40.00")

    await deliver(app, event, event_id=str(uuid.uuid4()))
    [request] = await requests_of(client, event.invoice_id)

    assert request["document"] == {"kind": "credit_note", "id": event.credit_note_id}
    assert (request["gross"], request["author_id"]) == ("40.00", "sub-claire")
    assert request["status"] == "pending"


async def test_credit_notes_of_one_invoice_each_get_a_request(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    invoice_id = str(uuid.uuid4())
    first = credit_note_submitted(invoice_id)
    second = credit_note_submitted(invoice_id)

    await deliver(app, first)
    await deliver(app, second)
    await deliver(app, first)  # submitted again while open: no second request

    requests = await requests_of(client, invoice_id)
    assert sorted(r["document"]["id"] for r in requests) == sorted(
        [first.credit_note_id, second.credit_note_id]
    )


async def test_the_author_cannot_approve_their_own_credit_note(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    event = credit_note_submitted(str(uuid.uuid4()), author_id="sub-fanny")
    await deliver(app, event)
    [request] = await requests_of(client, event.invoice_id)
    url = f"/api/v1/approvals/{request['id']}/approve"

    by_author = await client.post(url, headers=auth("fanny"))
    by_marc = await client.post(url, headers=auth("marc"))

    assert by_author.status_code == 403
    assert "author" in by_author.json()["detail"]
    assert by_marc.json()["status"] == "granted"
    [granted] = await outbox(app, GRANTED)
    assert (granted["invoice_id"], granted["credit_note_id"]) == (
        event.invoice_id,
        event.credit_note_id,
    )


async def test_rejection_names_the_credit_note(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    event = credit_note_submitted(str(uuid.uuid4()))
    await deliver(app, event)
    [request] = await requests_of(client, event.invoice_id)

    response = await client.post(
        f"/api/v1/approvals/{request['id']}/reject",
        json={"reason": "montant erroné"},
        headers=auth("marc"),
    )

    assert response.status_code == 200, response.text
    [rejected] = await outbox(app, REJECTED)
    assert rejected["credit_note_id"] == event.credit_note_id
    assert rejected["reason"] == "montant erroné"
