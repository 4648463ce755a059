"""Credit notes through the HTTP API and the approval consumer."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx
from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_contracts import approvals

from .flows import (
    deliver_approval,
    if_match,
    issued_invoice,
    outbox,
    pay,
    read_invoice,
    sent_invoice,
)

App = tuple[FastAPI, httpx.AsyncClient]
YEAR = datetime.now(UTC).year
TWO_LINES = [
    {"description": "Conseil", "quantity": "3", "unit_price": "10", "vat_rate": "20"},
    {"description": "Livre", "quantity": "1", "unit_price": "10", "vat_rate": "5.5"},
]


async def draft_credit(
    client: httpx.AsyncClient,
    invoice: dict[str, Any],
    user: str = "claire",
    **body: Any,
) -> httpx.Response:
    body = {"kind": "full", "reason": "remise commerciale"} | body
    return await client.post(
        f"/api/v1/invoices/{invoice['id']}/credit-notes", json=body, headers=auth(user)
    )


async def submit_credit(
    client: httpx.AsyncClient, note: dict[str, Any], user: str = "claire"
) -> httpx.Response:
    return await client.post(
        f"/api/v1/credit-notes/{note['id']}/submit",
        headers=auth(user) | if_match(note),
    )


async def decide(app: FastAPI, note: dict[str, Any], reason: str | None = None) -> None:
    """Deliver the approval's grant (or, with a reason, its rejection)."""
    facts = {
        "request_id": str(uuid.uuid4()),
        "invoice_id": note["invoice_id"],
        "department": note["department"],
        "decided_by": "sub-marc",
        "credit_note_id": note["id"],
    }
    if reason is None:
        await deliver_approval(app, approvals.ApprovalGranted(**facts))
    else:
        await deliver_approval(app, approvals.ApprovalRejected(**facts, reason=reason))


async def read_credit(client: httpx.AsyncClient, note_id: str) -> dict[str, Any]:
    response = await client.get(f"/api/v1/credit-notes/{note_id}", headers=auth("alex"))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def submitted_credit(
    client: httpx.AsyncClient, invoice: dict[str, Any], **body: Any
) -> dict[str, Any]:
    drafted = await draft_credit(client, invoice, **body)
    assert drafted.status_code == 201, drafted.text
    submitted = await submit_credit(client, drafted.json())
    assert submitted.status_code == 200, submitted.text
    return dict(submitted.json())


async def issued_credit(
    app: FastAPI, client: httpx.AsyncClient, invoice: dict[str, Any], **body: Any
) -> dict[str, Any]:
    note = await submitted_credit(client, invoice, **body)
    await decide(app, note)
    return await read_credit(client, note["id"])


async def test_three_partial_credits_sum_to_the_invoice_and_a_fourth_is_refused(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)

    notes = [
        await issued_credit(app, client, invoice, kind="amount", gross="40.00")
        for _ in range(3)
    ]
    fourth = await draft_credit(client, invoice, kind="amount", gross="0.01")

    assert [n["status"] for n in notes] == ["issued"] * 3
    assert [(n["net"], n["vat"]) for n in notes] == [
        ("33.33", "6.67"),
        ("33.34", "6.66"),
        ("33.33", "6.67"),
    ]
    assert sum(Decimal(n["gross"]) for n in notes) == Decimal("120.00")
    assert sum(Decimal(n["net"]) for n in notes) == Decimal("100.00")
    assert fourth.status_code == 409
    assert fourth.json()["title"] == "Nothing left to credit"
    after = await read_invoice(client, invoice["id"])
    assert Decimal(after["outstanding"]) == 0
    assert after["overdue"] is False


async def test_credit_notes_are_numbered_in_their_own_series(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    first = await issued_invoice(app, client)
    note = await issued_credit(app, client, first, kind="amount", gross="10.00")
    second = await issued_invoice(app, client)
    other = await issued_credit(app, client, second)

    assert first["number"] == f"SAL-{YEAR}-000001"
    assert second["number"] == f"SAL-{YEAR}-000002"
    assert note["number"] == f"SAL-AV-{YEAR}-000001"
    assert other["number"] == f"SAL-AV-{YEAR}-000002"
    [issued, _] = await outbox(app, "invoicing.invoice.credit-note-issued.v1")
    assert (issued["credit_note_id"], issued["invoice_number"]) == (
        note["id"],
        first["number"],
    )
    assert (issued["totals"]["gross"], issued["outstanding"]) == ("10.00", "110.00")


async def test_credit_by_lines_credits_quantities_by_position(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client, lines=TWO_LINES)

    note = await issued_credit(
        app, client, invoice, kind="lines", quantities={"1": "2"}
    )
    too_many = await draft_credit(client, invoice, kind="lines", quantities={"1": "2"})

    assert [
        (ln["invoice_line"], ln["quantity"], ln["net"]) for ln in note["lines"]
    ] == [(1, "2", "20.00")]
    assert (note["net"], note["vat"], note["gross"]) == ("20.00", "4.00", "24.00")
    assert too_many.status_code == 422
    assert [e["location"] for e in too_many.json()["errors"]] == ["quantities/1"]


async def test_request_must_fit_its_kind(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)

    no_gross = await draft_credit(client, invoice, kind="amount")
    both = await draft_credit(client, invoice, kind="full", gross="1.00")
    negative = await draft_credit(client, invoice, kind="amount", gross="-1.00")

    assert (no_gross.status_code, both.status_code) == (422, 422)
    assert negative.status_code == 422
    assert [e["location"] for e in negative.json()["errors"]] == ["gross"]


async def test_a_draft_invoice_cannot_be_credited(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)
    draft = await client.post(
        "/api/v1/invoices",
        json={
            "department": "SAL",
            "customer_id": invoice["customer_id"],
            "lines": TWO_LINES,
        },
        headers=auth("claire"),
    )

    response = await draft_credit(client, draft.json())

    assert response.status_code == 409
    assert response.json()["detail"] == "an invoice that is draft cannot be credited"


async def test_credit_lowers_what_a_payment_may_reach(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    await pay(client, invoice, "60.00")
    await issued_credit(app, client, invoice, kind="amount", gross="40.00")

    over = await pay(client, invoice, "20.01")
    exact = await pay(client, invoice, "20.00")

    assert over.status_code == 409
    assert "20.00 EUR still due" in over.json()["detail"]
    assert exact.status_code == 201
    assert exact.json()["invoice"]["status"] == "paid"
    assert exact.json()["invoice"]["outstanding"] == "0.00"
    assert exact.json()["invoice"]["credited"] == "40.00"


async def test_credit_settling_a_partly_paid_invoice_makes_it_paid(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await sent_invoice(app, client)
    await pay(client, invoice, "80.00")

    await issued_credit(app, client, invoice, kind="amount", gross="40.00")

    after = await read_invoice(client, invoice["id"])
    assert (after["status"], after["outstanding"]) == ("paid", "0.00")


async def test_submission_is_published_keyed_by_the_invoice(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)

    note = await submitted_credit(client, invoice, kind="amount", gross="12.00")

    assert note["status"] == "submitted"
    [event] = await outbox(app, "invoicing.invoice.credit-note-submitted.v1")
    assert event == {
        "invoice_id": invoice["id"],
        "department": "SAL",
        "credit_note_id": note["id"],
        "author_id": "sub-claire",
        "currency": "EUR",
        "gross": "12.00",
        "invoice_number": invoice["number"],
    }


async def test_submit_needs_if_match_and_a_draft(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)
    note = (await draft_credit(client, invoice)).json()
    url = f"/api/v1/credit-notes/{note['id']}/submit"

    missing = await client.post(url, headers=auth("claire"))
    stale = await client.post(url, headers=auth("claire") | {"If-Match": 'W/"9"'})
    first = await submit_credit(client, note)
    again = await submit_credit(client, first.json())

    assert (missing.status_code, stale.status_code) == (428, 412)
    assert stale.json()["current"]["status"] == "draft"
    assert first.status_code == 200
    assert again.status_code == 409


async def test_rejected_credit_note_returns_to_draft(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)
    note = await submitted_credit(client, invoice)

    await decide(app, note, reason="mauvais montant")
    back = await read_credit(client, note["id"])
    pdf = await client.get(
        f"/api/v1/credit-notes/{note['id']}/pdf", headers=auth("claire")
    )

    assert (back["status"], back["returned_reason"]) == ("draft", "mauvais montant")
    assert back["number"] is None
    assert pdf.status_code == 404
    assert (await read_invoice(client, invoice["id"]))["outstanding"] == "120.00"


async def test_second_of_two_concurrent_full_credits_goes_back_to_draft(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)
    first = await submitted_credit(client, invoice)
    second = await submitted_credit(client, invoice)

    await decide(app, first)
    await decide(app, second)

    issued, refused = [await read_credit(client, n["id"]) for n in (first, second)]
    assert issued["status"] == "issued"
    assert (refused["status"], refused["number"]) == ("draft", None)
    assert refused["returned_reason"] == "the invoice is credited in full already"
    listing = await client.get(
        f"/api/v1/invoices/{invoice['id']}/credit-notes", headers=auth("claire")
    )
    assert [n["status"] for n in listing.json()["items"]] == ["issued", "draft"]
    assert (await read_invoice(client, invoice["id"]))["outstanding"] == "0.00"
    [event] = await outbox(app, "invoicing.invoice.credit-note-returned-to-draft.v1")
    assert event["credit_note_id"] == second["id"]


async def test_issued_credit_note_has_its_pdf(app_and_client: App) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client, lines=TWO_LINES)
    note = await issued_credit(
        app, client, invoice, kind="lines", quantities={"2": "1"}
    )

    pdf = await client.get(
        f"/api/v1/credit-notes/{note['id']}/pdf", headers=auth("claire")
    )

    assert pdf.status_code == 200
    assert pdf.content.startswith(b"%PDF")
    assert note["number"] in pdf.headers["content-disposition"]


async def test_a_clerk_of_another_department_gets_404_everywhere(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    invoice = await issued_invoice(app, client)
    note = await issued_credit(app, client, invoice, kind="amount", gross="5.00")
    draft = (await draft_credit(client, invoice)).json()
    tom = auth("tom")

    responses = [
        await draft_credit(client, invoice, user="tom"),
        await client.get(f"/api/v1/invoices/{invoice['id']}/credit-notes", headers=tom),
        await client.get(f"/api/v1/credit-notes/{note['id']}", headers=tom),
        await client.get(f"/api/v1/credit-notes/{note['id']}/pdf", headers=tom),
        await client.post(
            f"/api/v1/credit-notes/{draft['id']}/submit",
            headers=tom | if_match(draft),
        ),
    ]
    missing = await client.get(f"/api/v1/credit-notes/{uuid.uuid4()}", headers=tom)

    assert [r.status_code for r in responses] == [404] * 5
    assert {r.json()["detail"] for r in responses} == {missing.json()["detail"]}
