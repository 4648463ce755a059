"""Sending invoices and recording payments, through the HTTP API."""

from datetime import date, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_invoicing.entrypoints.preconditions import today

from .flows import (
    if_match,
    issued_invoice,
    new_customer,
    outbox,
    pay,
    read_invoice,
    send,
    sent_invoice,
)

App = tuple[FastAPI, httpx.AsyncClient]


async def reverse(
    client: httpx.AsyncClient, invoice_id: str, payment_id: str, reason: str
) -> httpx.Response:
    current = await read_invoice(client, invoice_id)
    return await client.post(
        f"/api/v1/invoices/{invoice_id}/payments/{payment_id}/reverse",
        json={"reason": reason},
        headers=auth("fanny") | if_match(current),
    )


async def test_send_marks_an_issued_invoice_sent(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)

    response = await send(client, invoice)

    sent = response.json()
    assert response.status_code == 200
    assert sent["status"] == "sent"
    assert sent["sent_at"] is not None
    assert sent["version"] == invoice["version"] + 1
    assert (sent["paid"], sent["outstanding"], sent["overdue"]) == (
        "0.00",
        "120.00",
        False,
    )
    [event] = await outbox(app, "invoicing.invoice.sent.v1")
    assert event["number"] == invoice["number"]


async def test_only_finance_sends_and_only_once(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)

    by_clerk = await client.post(
        f"/api/v1/invoices/{invoice['id']}/send",
        headers=auth("claire") | if_match(invoice),
    )
    first = await send(client, invoice)
    again = await send(client, first.json())

    assert by_clerk.status_code == 403
    assert again.status_code == 409


async def test_partial_then_full_payment(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)

    first = await pay(client, invoice, "20.00")
    second = await pay(client, invoice, "100.00")

    assert first.status_code == 201, first.text
    assert first.json()["invoice"]["status"] == "partly_paid"
    assert first.json()["invoice"]["outstanding"] == "100.00"
    assert first.json()["payment"]["method"] == "transfer"
    assert first.headers["ETag"] == f'W/"{first.json()["invoice"]["version"]}"'
    assert second.json()["invoice"]["status"] == "paid"
    assert second.json()["invoice"]["outstanding"] == "0.00"
    paid = await read_invoice(client, invoice["id"], user="claire")
    assert (paid["status"], paid["paid"], paid["outstanding"]) == (
        "paid",
        "120.00",
        "0.00",
    )
    events = await outbox(app, "invoicing.invoice.payment-recorded.v1")
    assert [(e["amount"], e["status"], e["outstanding"]) for e in events] == [
        ("20.00", "partly_paid", "100.00"),
        ("100.00", "paid", "0.00"),
    ]


async def test_overpayment_by_a_cent_is_refused_with_what_is_due(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    await pay(client, invoice, "50.00")

    response = await pay(client, invoice, "70.01")

    assert response.status_code == 409
    assert response.json()["title"] == "Overpayment"
    assert "70.00 EUR still due" in response.json()["detail"]
    after = await read_invoice(client, invoice["id"])
    assert (after["status"], after["outstanding"]) == ("partly_paid", "70.00")


async def test_invalid_payment_lists_every_problem(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    before_issue = (
        date.fromisoformat(invoice["issue_date"]) - timedelta(1)
    ).isoformat()

    response = await pay(client, invoice, "-1.001", received_on=before_issue)

    assert response.status_code == 422
    locations = [e["location"] for e in response.json()["errors"]]
    assert locations.count("amount") == 2
    assert "received_on" in locations


async def test_payment_in_the_future_is_refused(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    tomorrow = (today() + timedelta(1)).isoformat()

    response = await pay(client, invoice, "10.00", received_on=tomorrow)

    assert response.status_code == 422
    assert [e["location"] for e in response.json()["errors"]] == ["received_on"]


async def test_payment_needs_a_sent_invoice_if_match_and_finance(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    issued = await issued_invoice(app, client)
    url = f"/api/v1/invoices/{issued['id']}/payments"
    body = {"amount": "1.00", "received_on": issued["issue_date"], "method": "cash"}

    not_sent = await pay(client, issued, "1.00")
    no_if_match = await client.post(url, json=body, headers=auth("fanny"))
    by_clerk = await client.post(
        url, json=body, headers=auth("claire") | if_match(issued)
    )
    stale = await client.post(
        url, json=body, headers=auth("fanny") | {"If-Match": 'W/"1"'}
    )

    assert not_sent.status_code == 409
    assert no_if_match.status_code == 428
    assert by_clerk.status_code == 403
    assert stale.status_code == 412


async def test_reversal_brings_a_paid_invoice_back(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    first = (await pay(client, invoice, "20.00")).json()["payment"]
    second = (await pay(client, invoice, "100.00")).json()["payment"]

    back = await reverse(client, invoice["id"], second["id"], "chèque impayé")
    last = await reverse(client, invoice["id"], first["id"], "mauvaise facture")
    again = await reverse(client, invoice["id"], first["id"], "encore")

    assert back.status_code == 200, back.text
    assert back.json()["invoice"]["status"] == "partly_paid"
    assert back.json()["invoice"]["outstanding"] == "100.00"
    assert back.json()["payment"]["reversal_reason"] == "chèque impayé"
    assert last.json()["invoice"]["status"] == "sent"
    assert last.json()["invoice"]["outstanding"] == "120.00"
    assert again.status_code == 409
    listing = await client.get(
        f"/api/v1/invoices/{invoice['id']}/payments", headers=auth("alex")
    )
    assert [p["reversed"] for p in listing.json()["items"]] == [True, True]
    events = await outbox(app, "invoicing.invoice.payment-reversed.v1")
    assert [(e["payment_id"], e["status"]) for e in events] == [
        (second["id"], "partly_paid"),
        (first["id"], "sent"),
    ]


async def test_reversal_needs_a_reason_and_a_known_payment(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    payment = (await pay(client, invoice, "20.00")).json()["payment"]

    blank = await reverse(client, invoice["id"], payment["id"], "   ")
    unknown = await reverse(client, invoice["id"], "no-such-payment", "erreur")

    assert blank.status_code == 422
    assert unknown.status_code == 404


async def test_payments_follow_the_invoice_department(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    await pay(client, invoice, "20.00")
    url = f"/api/v1/invoices/{invoice['id']}/payments"

    own = await client.get(url, headers=auth("claire"))
    other = await client.get(url, headers=auth("tom"))

    assert own.status_code == 200
    assert [p["amount"] for p in own.json()["items"]] == ["20.00"]
    assert own.json()["invoice"]["paid"] == "20.00"
    assert other.status_code == 404


async def overdue_ids(client: httpx.AsyncClient, **params: Any) -> set[str]:
    response = await client.get(
        "/api/v1/invoices", params=params, headers=auth("fanny")
    )
    assert response.status_code == 200, response.text
    return {item["id"] for item in response.json()["items"]}


async def test_invoice_past_its_due_date_is_overdue_until_paid(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client, payment_terms_days=30)
    late = await sent_invoice(app, client, customer_id=customer_id)
    paid = await sent_invoice(app, client, customer_id=customer_id)
    await pay(client, paid, "120.00")
    await issued_invoice(app, client, customer_id=customer_id)
    day_after_due = date.fromisoformat(late["due_date"]) + timedelta(1)

    on_due_date = await overdue_ids(client, overdue="true")
    app.dependency_overrides[today] = lambda: day_after_due
    after = await read_invoice(client, late["id"])
    listed = await overdue_ids(client, overdue="true")
    not_listed = await overdue_ids(client, overdue="false")
    await pay(client, late, "120.00")
    settled = await overdue_ids(client, overdue="true")

    assert on_due_date == set()
    assert after["overdue"] is True
    assert len(listed) == 2  # the sent one and the issued one, not the paid one
    assert late["id"] in listed and paid["id"] not in listed
    assert paid["id"] in not_listed and late["id"] not in not_listed
    assert late["id"] not in settled
