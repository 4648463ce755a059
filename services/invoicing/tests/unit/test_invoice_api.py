"""The invoicing API on SQLite and the in-memory broker."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals, topics
from facturo_contracts.envelope import H_TYPE

CUSTOMER = {
    "department": "SAL",
    "name": "Boulangerie Martin SARL",
    "siren": "443061841",
    "vat_id": "FR64443061841",
    "email": "compta@boulangerie-martin.example.com",
    "address_lines": ["3 place du Marché", "69002 Lyon"],
}

LINES = [
    {
        "description": "Conseil",
        "quantity": "3",
        "unit_price": "333.33",
        "vat_rate": "20",
    },
    {"description": "Livre", "quantity": "1", "unit_price": "10.00", "vat_rate": "5.5"},
]


async def new_customer(client: httpx.AsyncClient, user: str = "claire") -> str:
    response = await client.post("/api/v1/customers", json=CUSTOMER, headers=auth(user))
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


async def new_invoice(client: httpx.AsyncClient, customer_id: str) -> dict:
    body = {"department": "SAL", "customer_id": customer_id, "lines": LINES}
    response = await client.post("/api/v1/invoices", json=body, headers=auth("claire"))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def submit(
    client: httpx.AsyncClient, invoice: dict, user: str = "claire"
) -> httpx.Response:
    """Submit with the ETag of the version the caller read."""
    return await client.post(
        f"/api/v1/invoices/{invoice['id']}/submit",
        headers={**auth(user), "If-Match": f'W/"{invoice["version"]}"'},
    )


async def test_draft_has_exact_totals_and_no_number(client: httpx.AsyncClient) -> None:
    invoice = await new_invoice(client, await new_customer(client))

    assert invoice["status"] == "draft"
    assert invoice["number"] is None
    assert invoice["version"] == 1
    totals = invoice["totals"]
    assert (totals["net"], totals["vat"], totals["gross"]) == (
        "1009.99",
        "200.55",
        "1210.54",
    )
    assert totals["amount_due"] == "1210.54"
    assert [
        (e["category"], e["rate"], e["taxable"], e["vat"])
        for e in totals["vat_breakdown"]
    ] == [("S", "20", "999.99", "200.00"), ("S", "5.5", "10.00", "0.55")]


async def test_bad_lines_are_refused_with_every_problem(
    client: httpx.AsyncClient,
) -> None:
    customer_id = await new_customer(client)
    lines = [
        {"description": "", "quantity": "0", "unit_price": "1", "vat_rate": "20"},
        {"description": "x", "quantity": "1", "unit_price": "-5", "vat_rate": "120"},
    ]
    response = await client.post(
        "/api/v1/invoices",
        json={"department": "SAL", "customer_id": customer_id, "lines": lines},
        headers=auth("claire"),
    )

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    locations = {e["location"] for e in response.json()["errors"]}
    assert {
        "lines/0/description",
        "lines/0/quantity",
        "lines/1/unit_price",
        "lines/1/vat_rate",
    } <= locations


async def test_clerk_of_another_department_sees_nothing(
    client: httpx.AsyncClient,
) -> None:
    invoice = await new_invoice(client, await new_customer(client))

    read = await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("tom"))
    submit = await client.post(
        f"/api/v1/invoices/{invoice['id']}/submit", headers=auth("tom")
    )
    listing = await client.get("/api/v1/invoices", headers=auth("tom"))
    missing = await client.get("/api/v1/invoices/no-such-id", headers=auth("tom"))

    assert read.status_code == 404
    assert submit.status_code == 404
    assert missing.status_code == 404
    assert read.json()["detail"] == missing.json()["detail"]
    assert listing.json()["total"] == 0


async def test_customer_of_another_department_cannot_be_invoiced(
    client: httpx.AsyncClient,
) -> None:
    customer_id = await new_customer(client)
    body = {"department": "SRV", "customer_id": customer_id, "lines": LINES}

    response = await client.post("/api/v1/invoices", json=body, headers=auth("tom"))

    assert response.status_code == 404


async def test_no_token_gets_401_problem(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/invoices")

    assert response.status_code == 401
    assert response.json()["title"] == "Not authenticated"


async def test_approved_invoice_is_issued_with_number_and_pdf(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    runtime: Runtime = app.state.runtime
    invoice = await new_invoice(client, await new_customer(client))
    submitted = await submit(client, invoice)
    assert submitted.json()["status"] == "submitted"

    await grant(runtime, invoice["id"])
    issued = (
        await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("claire"))
    ).json()
    pdf = await client.get(
        f"/api/v1/invoices/{invoice['id']}/pdf", headers=auth("fanny")
    )

    year = datetime.now(UTC).year
    assert issued["status"] == "issued"
    assert issued["number"] == f"SAL-{year}-000001"
    assert Decimal(issued["totals"]["gross"]) == Decimal("1210.54")
    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")


async def test_replayed_grant_changes_nothing(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    runtime: Runtime = app.state.runtime
    invoice = await new_invoice(client, await new_customer(client))
    await submit(client, invoice)

    headers = await grant(runtime, invoice["id"])
    before = await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("ada"))
    await runtime.consumers[0].process(
        runtime.broker, topics.APPROVAL_REQUESTS, headers[1], headers[0]
    )
    after = await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("ada"))

    assert before.json() == after.json()
    assert after.json()["version"] == before.json()["version"]


async def test_submit_with_stale_version_is_refused(client: httpx.AsyncClient) -> None:
    invoice = await new_invoice(client, await new_customer(client))

    response = await client.post(
        f"/api/v1/invoices/{invoice['id']}/submit",
        headers={**auth("claire"), "If-Match": 'W/"7"'},
    )

    assert response.status_code == 412
    fresh = await client.get(
        f"/api/v1/invoices/{invoice['id']}", headers=auth("claire")
    )
    assert fresh.json()["status"] == "draft"


@pytest.mark.parametrize("user", ["marc", "alex", "tom"])
async def test_only_clerks_and_finance_create_invoices(
    client: httpx.AsyncClient, user: str
) -> None:
    customer_id = await new_customer(client)
    body = {"department": "SAL", "customer_id": customer_id, "lines": LINES}

    response = await client.post("/api/v1/invoices", json=body, headers=auth(user))

    assert response.status_code in (403, 404)


async def grant(runtime: Runtime, invoice_id: str) -> tuple[dict[str, str], bytes]:
    """Deliver an approval.granted event for the invoice to the consumer."""
    from facturo_chassis.messaging.envelope import build_headers

    event = approvals.ApprovalGranted(
        request_id="req-1",
        invoice_id=invoice_id,
        department="SAL",
        decided_by="sub-marc",
    )
    headers = build_headers(event, source="/facturo/approvals", actor="sub-marc")
    body = event.model_dump_json().encode()
    assert headers[H_TYPE] == "approvals.request.granted.v1"
    await runtime.consumers[0].process(
        runtime.broker, topics.APPROVAL_REQUESTS, body, headers
    )
    return headers, body


async def test_times_keep_their_utc_zone_after_a_reread(
    client: httpx.AsyncClient,
) -> None:
    invoice = await new_invoice(client, await new_customer(client))

    submitted = (await submit(client, invoice)).json()

    assert submitted["created_at"] == invoice["created_at"]
    assert datetime.fromisoformat(submitted["created_at"]).utcoffset() == timedelta(0)
    assert datetime.fromisoformat(submitted["updated_at"]).utcoffset() == timedelta(0)
