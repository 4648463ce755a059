"""Editing drafts over HTTP: If-Match, 412 with the current state, 428, 409,
and the EN 16931 fields of an invoice."""

import json
from decimal import Decimal

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts.envelope import H_TYPE

from .test_invoice_api import CUSTOMER, grant, new_customer, submit

THOUSAND = [
    {"description": "Audit", "quantity": "2", "unit_price": "400", "vat_rate": "20"},
    {"description": "Frais", "quantity": "1", "unit_price": "200", "vat_rate": "0"},
]


def with_etag(user: str, etag: str) -> dict[str, str]:
    return {**auth(user), "If-Match": etag}


async def draft(client: httpx.AsyncClient, **fields: object) -> dict:
    customer_id = await new_customer(client)
    body = {"department": "SAL", "customer_id": customer_id, "lines": THOUSAND}
    response = await client.post(
        "/api/v1/invoices", json={**body, **fields}, headers=auth("claire")
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def patch(
    client: httpx.AsyncClient, invoice_id: str, body: dict, headers: dict
) -> httpx.Response:
    return await client.patch(
        f"/api/v1/invoices/{invoice_id}", json=body, headers=headers
    )


async def event_types(runtime: Runtime) -> list[str]:
    async with runtime.sessions() as session:
        rows = await session.execute(
            select(runtime.tables.outbox.c.headers).order_by(
                runtime.tables.outbox.c.seq
            )
        )
        return [(h if isinstance(h, dict) else json.loads(h))[H_TYPE] for (h,) in rows]


async def test_every_read_has_the_version_as_etag(client: httpx.AsyncClient) -> None:
    invoice = await draft(client)

    read = await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("marc"))

    assert read.headers["ETag"] == 'W/"1"'
    assert read.json()["version"] == 1


async def test_patch_changes_the_draft_and_its_version(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    invoice = await draft(client)
    lines = [
        {"description": "Jour", "quantity": "3", "unit_price": "500", "vat_rate": "20"}
    ]

    response = await patch(
        client,
        invoice["id"],
        {"lines": lines, "notes": ["Merci"], "buyer_reference": "SVC-42"},
        with_etag("claire", 'W/"1"'),
    )

    assert response.status_code == 200, response.text
    assert response.headers["ETag"] == 'W/"2"'
    body = response.json()
    assert body["version"] == 2
    assert (body["totals"]["net"], body["totals"]["gross"]) == ("1500.00", "1800.00")
    assert body["notes"] == ["Merci"]
    assert body["buyer_reference"] == "SVC-42"
    assert body["customer_id"] == invoice["customer_id"]  # untouched fields stay
    assert (await event_types(app.state.runtime))[-1] == "invoicing.invoice.updated.v1"


async def test_patch_without_if_match_is_428_and_changes_nothing(
    client: httpx.AsyncClient,
) -> None:
    invoice = await draft(client)

    response = await patch(client, invoice["id"], {"notes": ["x"]}, auth("claire"))

    assert response.status_code == 428
    assert response.headers["content-type"] == "application/problem+json"
    fresh = await client.get(
        f"/api/v1/invoices/{invoice['id']}", headers=auth("claire")
    )
    assert fresh.json()["notes"] == []
    assert fresh.json()["version"] == 1


async def test_submit_without_if_match_is_428(client: httpx.AsyncClient) -> None:
    invoice = await draft(client)

    response = await client.post(
        f"/api/v1/invoices/{invoice['id']}/submit", headers=auth("claire")
    )

    assert response.status_code == 428
    fresh = await client.get(
        f"/api/v1/invoices/{invoice['id']}", headers=auth("claire")
    )
    assert fresh.json()["status"] == "draft"


async def test_stale_patch_is_412_with_the_current_invoice(
    client: httpx.AsyncClient,
) -> None:
    invoice = await draft(client)
    first = await patch(
        client, invoice["id"], {"notes": ["A"]}, with_etag("claire", 'W/"1"')
    )
    assert first.status_code == 200

    second = await patch(
        client, invoice["id"], {"notes": ["B"]}, with_etag("fanny", 'W/"1"')
    )

    assert second.status_code == 412
    problem = second.json()
    assert problem["current"]["version"] == 2
    assert problem["current"]["notes"] == ["A"]
    assert problem["current_etag"] == 'W/"2"'
    fresh = await client.get(
        f"/api/v1/invoices/{invoice['id']}", headers=auth("claire")
    )
    assert fresh.json()["notes"] == ["A"]


async def test_submitted_invoice_cannot_be_edited(client: httpx.AsyncClient) -> None:
    invoice = await draft(client)
    submitted = (await submit(client, invoice)).json()

    response = await patch(
        client,
        invoice["id"],
        {"notes": ["late"]},
        with_etag("claire", f'W/"{submitted["version"]}"'),
    )

    assert response.status_code == 409
    assert response.json()["detail"] == "an invoice that is submitted cannot be edited"


async def test_stale_edit_after_issue_changes_nothing(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    """User A loads a 1,000.00 EUR draft; B submits, it is approved and
    issued; A's later save of other lines is refused and nothing changes."""
    app, client = app_and_client
    invoice = await draft(client)
    loaded_by_a = await client.get(
        f"/api/v1/invoices/{invoice['id']}", headers=auth("claire")
    )
    assert loaded_by_a.json()["totals"]["net"] == "1000.00"
    await submit(client, loaded_by_a.json(), user="fanny")
    await grant(app.state.runtime, invoice["id"])
    issued = (
        await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("fanny"))
    ).json()
    assert issued["status"] == "issued"

    other_lines = [
        {"description": "Autre", "quantity": "1", "unit_price": "1", "vat_rate": "20"}
    ]
    refused = await patch(
        client,
        invoice["id"],
        {"lines": other_lines},
        with_etag("claire", loaded_by_a.headers["ETag"]),
    )

    assert refused.status_code == 412
    assert refused.json()["current"]["status"] == "issued"
    after = (
        await client.get(f"/api/v1/invoices/{invoice['id']}", headers=auth("fanny"))
    ).json()
    assert after == issued
    assert after["number"] == issued["number"] and after["number"]
    assert after["totals"]["gross"] == "1160.00"
    assert [line["description"] for line in after["lines"]] == ["Audit", "Frais"]


async def test_issued_invoice_refuses_even_a_current_etag(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    invoice = await draft(client)
    await submit(client, invoice)
    await grant(app.state.runtime, invoice["id"])
    issued = await client.get(
        f"/api/v1/invoices/{invoice['id']}", headers=auth("fanny")
    )

    response = await patch(
        client,
        invoice["id"],
        {"notes": ["x"]},
        with_etag("fanny", issued.headers["ETag"]),
    )

    assert response.status_code == 409


async def test_null_for_a_required_field_is_refused(client: httpx.AsyncClient) -> None:
    invoice = await draft(client)

    response = await patch(
        client, invoice["id"], {"lines": None}, with_etag("claire", 'W/"1"')
    )

    assert response.status_code == 422


async def test_patch_to_a_customer_of_another_department_is_refused(
    client: httpx.AsyncClient,
) -> None:
    invoice = await draft(client)
    other = await client.post(
        "/api/v1/customers", json={**CUSTOMER, "department": "SRV"}, headers=auth("tom")
    )

    response = await patch(
        client,
        invoice["id"],
        {"customer_id": other.json()["id"]},
        with_etag("claire", 'W/"1"'),
    )

    assert response.status_code == 404


async def test_clerk_of_another_department_cannot_patch(
    client: httpx.AsyncClient,
) -> None:
    invoice = await draft(client)

    response = await patch(
        client, invoice["id"], {"notes": ["x"]}, with_etag("tom", 'W/"1"')
    )

    assert response.status_code == 404


# --- the EN 16931 content of a draft --------------------------------------------


async def test_draft_with_discounts_allowances_charges_and_prepaid(
    client: httpx.AsyncClient,
) -> None:
    lines = [
        {
            "description": "Licence",
            "quantity": "3",
            "unit": "H87",
            "unit_price": "33.33",
            "discount": {"percent": "15"},
            "vat_rate": "20",
        },
        {
            "description": "Formation",
            "quantity": "1",
            "unit_price": "500",
            "vat_rate": "0",
            "vat_category": "E",
            "exemption_reason": "Art. 261-4-4° a du CGI",
        },
    ]

    invoice = await draft(
        client,
        lines=lines,
        allowances=[{"amount": "4.99", "reason": "Remise fidélité", "vat_rate": "20"}],
        charges=[{"amount": "10", "reason": "Port", "vat_rate": "20"}],
        prepaid="100",
        purchase_order_reference="PO-2026-17",
        notes=["Merci de votre confiance"],
    )

    totals = invoice["totals"]
    assert invoice["lines"][0]["net"] == "84.99"
    assert invoice["lines"][0]["discount_total"] == "15.00"
    assert invoice["lines"][0]["unit"] == "H87"
    assert [
        (e["category"], e["taxable"], e["vat"]) for e in totals["vat_breakdown"]
    ] == [
        ("S", "90.00", "18.00"),
        ("E", "500.00", "0.00"),
    ]
    assert totals["vat_breakdown"][1]["exemption_reason"] == "Art. 261-4-4° a du CGI"
    assert (
        totals["line_total"],
        totals["allowance_total"],
        totals["charge_total"],
    ) == (
        "584.99",
        "4.99",
        "10.00",
    )
    assert (totals["net"], totals["vat"], totals["gross"]) == (
        "590.00",
        "18.00",
        "608.00",
    )
    assert (totals["prepaid"], totals["amount_due"]) == ("100.00", "508.00")
    assert invoice["purchase_order_reference"] == "PO-2026-17"


async def test_tax_inclusive_draft_invoices_the_typed_gross(
    client: httpx.AsyncClient,
) -> None:
    lines = [
        {"description": "Panier", "quantity": "3", "unit_price": "10", "vat_rate": "20"}
    ]

    invoice = await draft(client, lines=lines, tax_inclusive=True)

    assert invoice["tax_inclusive"] is True
    assert invoice["totals"]["gross"] == "30.00"
    assert invoice["totals"]["net"] == "25.00"


async def test_foreign_currency_needs_a_rate_and_states_vat_in_euros(
    client: httpx.AsyncClient,
) -> None:
    missing = await client.post(
        "/api/v1/invoices",
        json={
            "department": "SAL",
            "customer_id": await new_customer(client),
            "currency": "USD",
            "lines": THOUSAND,
        },
        headers=auth("claire"),
    )
    assert missing.status_code == 422
    assert [e["location"] for e in missing.json()["errors"]] == ["exchange_rate"]

    invoice = await draft(
        client, currency="USD", exchange_rate="0.9215", exchange_rate_date="2026-12-01"
    )

    assert invoice["totals"]["vat"] == "160.00"
    assert invoice["accounting"] == {
        "currency": "EUR",
        "exchange_rate": "0.9215",
        "exchange_rate_date": "2026-12-01",
        "vat": "147.44",
    }


async def test_intra_eu_supply_needs_the_buyer_vat_id_at_submit_not_draft(
    client: httpx.AsyncClient,
) -> None:
    customer = {**CUSTOMER, "vat_id": None}
    created = await client.post(
        "/api/v1/customers", json=customer, headers=auth("claire")
    )
    lines = [
        {
            "description": "Machine",
            "quantity": "1",
            "unit_price": "900",
            "vat_rate": "0",
            "vat_category": "K",
        }
    ]
    body = {"department": "SAL", "customer_id": created.json()["id"], "lines": lines}
    delivered = {"actual_delivery_date": "2026-11-20", "deliver_to_country": "DE"}
    made = await client.post(
        "/api/v1/invoices", json=body | delivered, headers=auth("claire")
    )
    assert made.status_code == 201

    refused = await submit(client, made.json())

    assert refused.status_code == 422
    assert [e["location"] for e in refused.json()["errors"]] == ["customer/vat_id"]
    fresh = await client.get(
        f"/api/v1/invoices/{made.json()['id']}", headers=auth("claire")
    )
    assert fresh.json()["status"] == "draft"
    assert Decimal(fresh.json()["totals"]["gross"]) == Decimal(900)


async def test_issued_event_states_prepaid_and_amount_due(
    app_and_client: tuple[FastAPI, httpx.AsyncClient],
) -> None:
    app, client = app_and_client
    runtime: Runtime = app.state.runtime
    invoice = await draft(client, prepaid="160")
    await submit(client, invoice)

    await grant(runtime, invoice["id"])

    async with runtime.sessions() as session:
        outbox = runtime.tables.outbox
        bodies = await session.scalars(
            select(outbox.c.body).order_by(outbox.c.seq.desc()).limit(1)
        )
        issued = json.loads(bodies.one())
    assert (issued["prepaid"], issued["amount_due"]) == ("160.00", "1000.00")
    assert issued["totals"] == {"net": "1000.00", "vat": "160.00", "gross": "1160.00"}
