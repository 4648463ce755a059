"""Drive invoices through the API and the consumer: issued, sent, paid.

Shared by the payment and credit note tests; the invoice of 120.00 EUR (one
line of 100.00 at 20 % VAT) keeps their sums easy to read.
"""

import json
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals, topics
from facturo_contracts.envelope import H_TYPE

CUSTOMER = {
    "department": "SAL",
    "name": "Boulangerie Martin SARL",
    "siren": "443061841",
    "vat_id": "FR64443061841",
    "address_lines": ["3 place du Marché", "69002 Lyon"],
}
HUNDRED_AT_20 = [
    {"description": "Conseil", "quantity": "1", "unit_price": "100", "vat_rate": "20"}
]


def if_match(resource: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'W/"{resource["version"]}"'}


async def new_customer(client: httpx.AsyncClient, **changes: Any) -> str:
    body = CUSTOMER | changes
    response = await client.post("/api/v1/customers", json=body, headers=auth("fanny"))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def deliver_approval(app: FastAPI, event: approvals.ApprovalEvent) -> None:
    """Hand an approval event to the invoicing consumer, as Kafka would."""
    runtime: Runtime = app.state.runtime
    headers = build_headers(event, source="/facturo/approvals", actor="sub-marc")
    body = event.model_dump_json().encode()
    await runtime.consumers[0].process(
        runtime.broker, topics.APPROVAL_REQUESTS, body, headers
    )


async def issued_invoice(
    app: FastAPI,
    client: httpx.AsyncClient,
    lines: list[dict[str, str]] | None = None,
    customer_id: str | None = None,
) -> dict[str, Any]:
    """A SAL invoice drafted by claire, submitted, granted and issued."""
    customer_id = customer_id or await new_customer(client)
    body = {
        "department": "SAL",
        "customer_id": customer_id,
        "lines": lines or HUNDRED_AT_20,
    }
    draft = await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
    assert draft.status_code == 201, draft.text
    invoice_id = draft.json()["id"]
    submitted = await client.post(
        f"/api/v1/invoices/{invoice_id}/submit",
        headers=auth("claire") | if_match(draft.json()),
    )
    assert submitted.status_code == 200, submitted.text
    await deliver_approval(
        app,
        approvals.ApprovalGranted(
            request_id=str(uuid.uuid4()),
            invoice_id=invoice_id,
            department="SAL",
            decided_by="sub-marc",
        ),
    )
    return await read_invoice(client, invoice_id)


async def sent_invoice(
    app: FastAPI, client: httpx.AsyncClient, **options: Any
) -> dict[str, Any]:
    invoice = await issued_invoice(app, client, **options)
    response = await send(client, invoice)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def send(client: httpx.AsyncClient, invoice: dict[str, Any]) -> httpx.Response:
    return await client.post(
        f"/api/v1/invoices/{invoice['id']}/send",
        headers=auth("fanny") | if_match(invoice),
    )


async def read_invoice(
    client: httpx.AsyncClient, invoice_id: str, user: str = "fanny"
) -> dict[str, Any]:
    response = await client.get(f"/api/v1/invoices/{invoice_id}", headers=auth(user))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def pay(
    client: httpx.AsyncClient,
    invoice: dict[str, Any],
    amount: str,
    received_on: str | None = None,
    user: str = "fanny",
) -> httpx.Response:
    """Pay with the invoice's current ETag (read afresh)."""
    current = await read_invoice(client, invoice["id"])
    body = {
        "amount": amount,
        "received_on": received_on or current["issue_date"],
        "method": "transfer",
        "reference": "VIR-2026-001",
    }
    return await client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json=body,
        headers=auth(user) | if_match(current),
    )


async def outbox(app: FastAPI, event_type: str) -> list[dict[str, Any]]:
    """Bodies of the events of this type written to the outbox, in order."""
    runtime: Runtime = app.state.runtime
    table = runtime.tables.outbox
    async with runtime.sessions() as session:
        rows = (await session.execute(select(table).order_by(table.c.seq))).all()
    return [json.loads(row.body) for row in rows if row.headers[H_TYPE] == event_type]
