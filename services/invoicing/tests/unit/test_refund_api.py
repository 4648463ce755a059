"""Refunds through the HTTP API: a credit note after payment, then paid back."""

from datetime import timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_invoicing.entrypoints.preconditions import today

from .flows import if_match, outbox, pay, read_invoice, sent_invoice
from .test_credit_note_api import issued_credit

App = tuple[FastAPI, httpx.AsyncClient]
THOUSAND_AT_20 = [
    {"description": "Audit", "quantity": "1", "unit_price": "1000", "vat_rate": "20"}
]


async def overpaid(app: FastAPI, client: httpx.AsyncClient) -> dict[str, Any]:
    """1,200.00 paid in full, then a credit note of 200.00: 200.00 due back."""
    invoice = await sent_invoice(app, client, lines=THOUSAND_AT_20)
    paid = await pay(client, invoice, "1200.00")
    assert paid.status_code == 201, paid.text
    await issued_credit(app, client, invoice, kind="amount", gross="200.00")
    return await read_invoice(client, invoice["id"])


async def refund(
    client: httpx.AsyncClient,
    invoice: dict[str, Any],
    amount: str,
    user: str = "fanny",
    **changes: Any,
) -> httpx.Response:
    """Refund with the invoice's current ETag (read afresh)."""
    current = await read_invoice(client, invoice["id"])
    body = {
        "amount": amount,
        "refunded_on": current["issue_date"],
        "method": "transfer",
        "reference": "RBT-2026-001",
    } | changes
    return await client.post(
        f"/api/v1/invoices/{invoice['id']}/refunds",
        json=body,
        headers=auth(user) | if_match(current),
    )


async def reverse(
    client: httpx.AsyncClient, invoice: dict[str, Any], refund_id: str, reason: str
) -> httpx.Response:
    current = await read_invoice(client, invoice["id"])
    return await client.post(
        f"/api/v1/invoices/{invoice['id']}/refunds/{refund_id}/reverse",
        json={"reason": reason},
        headers=auth("fanny") | if_match(current),
    )


def balance(invoice: dict[str, Any]) -> tuple[str, ...]:
    return (
        invoice["status"],
        invoice["paid"],
        invoice["refunded"],
        invoice["outstanding"],
        invoice["refund_due"],
    )


async def test_credit_after_full_payment_leaves_a_refund_due(
    app_and_client: App,
) -> None:
    app, client = app_and_client

    invoice = await overpaid(app, client)

    assert balance(invoice) == ("refund_due", "1200.00", "0.00", "0.00", "200.00")
    assert invoice["credited"] == "200.00"
    [issued] = await outbox(app, "invoicing.invoice.credit-note-issued.v1")
    assert (issued["outstanding"], issued["refund_due"]) == ("0.00", "200.00")
    listed = await client.get(
        "/api/v1/invoices", params={"status": "refund_due"}, headers=auth("fanny")
    )
    assert [i["id"] for i in listed.json()["items"]] == [invoice["id"]]


async def test_two_refunds_settle_what_is_due_back(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await overpaid(app, client)

    first = await refund(client, invoice, "50.00")
    last = await refund(client, invoice, "150.00")

    assert first.status_code == 201, first.text
    assert balance(first.json()["invoice"]) == (
        "refund_due",
        "1200.00",
        "50.00",
        "0.00",
        "150.00",
    )
    assert first.headers["ETag"] == f'W/"{first.json()["invoice"]["version"]}"'
    assert first.json()["refund"]["reference"] == "RBT-2026-001"
    assert last.status_code == 201, last.text
    settled = await read_invoice(client, invoice["id"], user="claire")
    assert balance(settled) == ("paid", "1200.00", "200.00", "0.00", "0.00")
    events = await outbox(app, "invoicing.invoice.refund-recorded.v1")
    assert [(e["amount"], e["status"], e["refund_due"]) for e in events] == [
        ("50.00", "refund_due", "150.00"),
        ("150.00", "paid", "0.00"),
    ]
    assert "reference" not in events[0]


async def test_refund_beyond_what_is_due_back_changes_nothing(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await overpaid(app, client)

    response = await refund(client, invoice, "201.00")

    assert response.status_code == 409
    assert response.json()["title"] == "Refund exceeds what is due back"
    assert "200.00 EUR due back" in response.json()["detail"]
    after = await read_invoice(client, invoice["id"])
    assert (after["version"], balance(after)) == (invoice["version"], balance(invoice))
    listing = await client.get(
        f"/api/v1/invoices/{invoice['id']}/refunds", headers=auth("fanny")
    )
    assert listing.json()["items"] == []
    assert await outbox(app, "invoicing.invoice.refund-recorded.v1") == []


async def test_reversal_restores_the_refund_due(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await overpaid(app, client)
    done = (await refund(client, invoice, "200.00")).json()["refund"]

    back = await reverse(client, invoice, done["id"], "virement rejeté")
    again = await reverse(client, invoice, done["id"], "encore")

    assert back.status_code == 200, back.text
    assert balance(back.json()["invoice"]) == (
        "refund_due",
        "1200.00",
        "0.00",
        "0.00",
        "200.00",
    )
    assert back.json()["refund"]["reversal_reason"] == "virement rejeté"
    assert again.status_code == 409
    listing = await client.get(
        f"/api/v1/invoices/{invoice['id']}/refunds", headers=auth("alex")
    )
    assert [r["reversed"] for r in listing.json()["items"]] == [True]
    assert listing.json()["invoice"]["refund_due"] == "200.00"
    [event] = await outbox(app, "invoicing.invoice.refund-reversed.v1")
    assert (event["refund_id"], event["status"], event["refund_due"]) == (
        done["id"],
        "refund_due",
        "200.00",
    )
    assert "reason" not in event


async def test_credit_on_a_partly_paid_invoice_leaves_nothing_due_back(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    await pay(client, invoice, "50.00")
    await issued_credit(app, client, invoice, kind="amount", gross="40.00")

    after = await read_invoice(client, invoice["id"])
    response = await refund(client, invoice, "1.00")

    assert balance(after) == ("partly_paid", "50.00", "0.00", "30.00", "0.00")
    assert response.status_code == 409
    assert response.json()["title"] == "No refund due"


async def test_credit_beyond_a_partial_payment_leaves_the_rest_due_back(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    await pay(client, invoice, "100.00")

    await issued_credit(app, client, invoice, kind="amount", gross="40.00")

    after = await read_invoice(client, invoice["id"])
    assert balance(after) == ("refund_due", "100.00", "0.00", "0.00", "20.00")


async def test_refund_needs_finance_if_match_and_a_valid_amount(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await overpaid(app, client)
    url = f"/api/v1/invoices/{invoice['id']}/refunds"
    body = {"amount": "1.00", "refunded_on": invoice["issue_date"], "method": "cash"}
    tomorrow = (today() + timedelta(1)).isoformat()

    no_if_match = await client.post(url, json=body, headers=auth("fanny"))
    by_clerk = await refund(client, invoice, "1.00", user="claire")
    stale = await client.post(
        url, json=body, headers=auth("fanny") | {"If-Match": 'W/"1"'}
    )
    zero = await refund(client, invoice, "0.00")
    cents = await refund(client, invoice, "1.001", refunded_on=tomorrow)

    assert no_if_match.status_code == 428
    assert by_clerk.status_code == 403
    assert stale.status_code == 412
    assert zero.status_code == 422
    assert zero.json()["title"] == "Invalid refund"
    assert cents.status_code == 422
    assert [e["location"] for e in cents.json()["errors"]] == [
        "amount",
        "refunded_on",
    ]


async def test_refunds_follow_the_invoice_department(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await overpaid(app, client)
    await refund(client, invoice, "20.00")
    url = f"/api/v1/invoices/{invoice['id']}/refunds"

    own = await client.get(url, headers=auth("claire"))
    other = await client.get(url, headers=auth("tom"))

    assert [r["amount"] for r in own.json()["items"]] == ["20.00"]
    assert own.json()["invoice"]["refunded"] == "20.00"
    assert other.status_code == 404


async def test_a_further_credit_note_adds_to_what_is_due_back(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await overpaid(app, client)
    await refund(client, invoice, "50.00")

    await issued_credit(app, client, invoice, kind="amount", gross="100.00")

    after = await read_invoice(client, invoice["id"])
    assert balance(after) == ("refund_due", "1200.00", "50.00", "0.00", "250.00")
