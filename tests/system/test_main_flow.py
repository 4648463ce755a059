"""The main flow of DESIGN.md, end to end on the real stack.

A SAL clerk drafts and submits an invoice, the SAL approver approves it, the
invoicing service issues it with the next number of the SAL series and its
PDF, notifications e-mails the author and the customer, audit has chained
every step, replaying the invoice's events changes nothing, and Zipkin holds
the path across the services.
"""

import asyncio
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import httpx
import pytest

from facturo_devstack.api import FacturoApi, eventually
from facturo_devstack.events import caught_up, replay_events_of
from facturo_devstack.paths import Paths

pytestmark = [pytest.mark.system, pytest.mark.timeout(300)]

ZIPKIN = "http://127.0.0.1:9411/api/v2"
TRACED_SERVICES = {"invoicing", "approvals", "audit", "notifications"}

CUSTOMER = {
    "department": "SAL",
    "name": "Fromagerie Test Système SARL",
    "siren": "734640972",
    "vat_id": "FR90734640972",
    "email": "factures@fromagerie-systeme.example.com",
    "address_lines": ["8 rue des Tests", "69001 Lyon", "France"],
    "payment_terms_days": 45,
}
LINES = [
    {
        "description": "Plateau découverte",
        "quantity": "4",
        "unit_price": "37.45",
        "vat_rate": "5.5",
    },
    {
        "description": "Livraison",
        "quantity": "1",
        "unit_price": "25.00",
        "vat_rate": "20",
    },
]
# 4 x 37.45 = 149.80 at 5.5 % → 8.24; 25.00 at 20 % → 5.00
EXPECTED_TOTALS = {"net": "174.80", "vat": "13.24", "gross": "188.04"}


@dataclass
class Issued:
    invoice: dict[str, Any]
    request: dict[str, Any]


def _amounts(invoice: dict[str, Any]) -> dict[str, str]:
    """Net, VAT and gross of an invoice (its totals hold more than these)."""
    return {key: invoice["totals"][key] for key in EXPECTED_TOTALS}


async def _submit(api: FacturoApi, user: str, invoice_id: str) -> None:
    """Submit with If-Match: the ETag of the version the user just read."""
    read = await api.call(user, "GET", "invoicing", f"/invoices/{invoice_id}")
    await api.ok(
        user,
        "POST",
        "invoicing",
        f"/invoices/{invoice_id}/submit",
        headers={"If-Match": read.headers["ETag"]},
    )


@pytest.fixture(scope="module")
def issued(stack: Paths) -> Issued:
    """One invoice carried through the whole flow, shared by this module."""
    return asyncio.run(_issue_one())


async def _issue_one() -> Issued:
    async with httpx.AsyncClient(timeout=30.0) as client:
        api = FacturoApi(client)
        customer = await api.ok(
            "claire", "POST", "invoicing", "/customers", json=CUSTOMER
        )
        draft = await api.ok(
            "claire",
            "POST",
            "invoicing",
            "/invoices",
            json={"department": "SAL", "customer_id": customer["id"], "lines": LINES},
        )
        assert draft["status"] == "draft"
        assert draft["number"] is None
        assert _amounts(draft) == EXPECTED_TOTALS
        await _submit(api, "claire", draft["id"])
        request = await _pending(api, "marc", draft["id"])
        await api.ok("marc", "POST", "approvals", f"/approvals/{request['id']}/approve")
        invoice = await _until_status(api, draft["id"], "issued")
        return Issued(invoice=invoice, request=request)


async def test_the_invoice_is_issued_with_the_next_sal_number(issued: Issued) -> None:
    year = datetime.now(UTC).year
    assert re.fullmatch(rf"SAL-{year}-\d{{6}}", issued.invoice["number"])
    assert _amounts(issued.invoice) == EXPECTED_TOTALS
    assert issued.invoice["version"] > 1


async def test_the_seller_is_the_legal_entity_of_sales(
    api: FacturoApi, issued: Issued
) -> None:
    entities = await api.ok("fanny", "GET", "identity", "/legal-entities")
    [company] = [e for e in entities if e["siren"] == "812345676"]
    seller = issued.invoice["seller"]

    assert (seller["name"], seller["siren"], seller["vat_id"]) == (
        "Facturo Démo SAS",
        "812345676",
        "FR19812345676",
    )
    # null only if invoicing issued before hearing of SAL's legal entity
    assert seller["legal_entity_id"] in (company["id"], None)


async def test_numbers_are_consecutive_in_the_series(
    api: FacturoApi, issued: Issued
) -> None:
    page = await api.ok(
        "fanny",
        "GET",
        "invoicing",
        "/invoices",
        params={"department": "SAL", "status": "issued", "limit": 500},
    )
    sequences = sorted(int(i["number"].rsplit("-", 1)[1]) for i in page["items"])
    assert sequences == list(range(1, len(sequences) + 1))


async def test_the_pdf_is_served(api: FacturoApi, issued: Issued) -> None:
    response = await api.call(
        "claire", "GET", "invoicing", f"/invoices/{issued.invoice['id']}/pdf"
    )
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


async def test_the_author_and_the_customer_are_emailed(
    stack: Paths, issued: Issued
) -> None:
    number = issued.invoice["number"]

    async def mails() -> list[Any]:
        found = [m for m in _mails(stack.mail) if number in str(m["Subject"])]
        return found if len(found) >= 2 else []

    recipients = {str(m["To"]) for m in await eventually(mails, within=60)}
    assert any("claire@demo.facturo.test" in r for r in recipients)
    assert any(CUSTOMER["email"] in r for r in recipients)


async def test_the_author_has_an_in_app_notification(
    api: FacturoApi, issued: Issued
) -> None:
    async def mine() -> list[Any]:
        page = await api.ok("claire", "GET", "notifications", "/notifications")
        return [n for n in page["items"] if n["invoice_id"] == issued.invoice["id"]]

    assert await eventually(mine, within=60)
    others = await api.ok("tom", "GET", "notifications", "/notifications")
    assert all(n["invoice_id"] != issued.invoice["id"] for n in others["items"])


async def test_audit_chains_every_step(api: FacturoApi, issued: Issued) -> None:
    expected = {
        "invoicing.invoice.created.v1",
        "invoicing.invoice.submitted.v1",
        "approvals.request.requested.v1",
        "approvals.request.granted.v1",
        "invoicing.invoice.approved.v1",
        "invoicing.invoice.issued.v1",
        "notifications.delivery.delivered.v1",
    }

    async def steps() -> set[str]:
        types = await _audit_types(api, issued.invoice["id"])
        return types if expected <= types else set()

    assert expected <= await eventually(steps, within=60)
    report = await api.ok("alex", "GET", "audit", "/audit/verify")
    assert report["ok"] is True
    assert report["entries"] >= len(expected)


@pytest.mark.parametrize("user", ["claire", "fanny", "ada", "marc"])
async def test_only_auditors_read_the_audit_log(api: FacturoApi, user: str) -> None:
    response = await api.call(user, "GET", "audit", "/audit/verify")
    assert response.status_code == 403


async def test_another_department_can_neither_see_nor_act(
    api: FacturoApi, issued: Issued
) -> None:
    invoice_id = issued.invoice["id"]
    read = await api.call("tom", "GET", "invoicing", f"/invoices/{invoice_id}")
    pdf = await api.call("tom", "GET", "invoicing", f"/invoices/{invoice_id}/pdf")
    listing = await api.ok(
        "tom", "GET", "invoicing", "/invoices", params={"limit": 500}
    )
    decide = await api.call(
        "sophie", "POST", "approvals", f"/approvals/{issued.request['id']}/approve"
    )

    assert read.status_code == 404
    assert pdf.status_code == 404
    assert decide.status_code in (403, 404)
    assert all(i["department"] != "SAL" for i in listing["items"])


async def test_a_clerk_of_another_department_cannot_submit(
    api: FacturoApi, stack: Paths
) -> None:
    customer = await api.ok("claire", "POST", "invoicing", "/customers", json=CUSTOMER)
    draft = await api.ok(
        "claire",
        "POST",
        "invoicing",
        "/invoices",
        json={"department": "SAL", "customer_id": customer["id"], "lines": LINES},
    )

    response = await api.call(
        "tom", "POST", "invoicing", f"/invoices/{draft['id']}/submit"
    )

    assert response.status_code == 404
    still = await api.ok("claire", "GET", "invoicing", f"/invoices/{draft['id']}")
    assert still["status"] == "draft"


async def test_an_approver_cannot_approve_what_they_wrote(
    api: FacturoApi, stack: Paths
) -> None:
    # fanny (finance) writes a large SAL invoice; it needs marc, then finance.
    customer = await api.ok("fanny", "POST", "invoicing", "/customers", json=CUSTOMER)
    big = [
        {
            "description": "Équipement complet",
            "quantity": "10",
            "unit_price": "1500.00",
            "vat_rate": "20",
        }
    ]
    draft = await api.ok(
        "fanny",
        "POST",
        "invoicing",
        "/invoices",
        json={"department": "SAL", "customer_id": customer["id"], "lines": big},
    )
    await _submit(api, "fanny", draft["id"])
    request = await _pending(api, "marc", draft["id"])
    await api.ok("marc", "POST", "approvals", f"/approvals/{request['id']}/approve")

    refused = await api.call(
        "fanny", "POST", "approvals", f"/approvals/{request['id']}/approve"
    )
    inbox = await api.ok(
        "fanny",
        "GET",
        "approvals",
        "/approvals",
        params={"status": "pending", "limit": 500},
    )

    assert refused.status_code == 403
    assert refused.headers["content-type"] == "application/problem+json"
    assert all(r["invoice_id"] != draft["id"] for r in inbox["items"])
    invoice = await api.ok("fanny", "GET", "invoicing", f"/invoices/{draft['id']}")
    assert invoice["status"] == "submitted"
    assert invoice["number"] is None


async def test_replaying_the_invoice_events_changes_nothing(
    api: FacturoApi, stack: Paths, issued: Issued
) -> None:
    invoice_id = issued.invoice["id"]
    await eventually(lambda: _audit_has_issue_delivery(api, invoice_id), within=60)
    await caught_up()
    before = await _snapshot(api, stack, issued)

    replayed = await replay_events_of(invoice_id, issued.request["id"])
    await caught_up()

    assert replayed >= 5
    assert await _snapshot(api, stack, issued) == before


async def test_zipkin_shows_the_path_across_services(issued: Issued) -> None:
    invoice_id = issued.invoice["id"]

    async def services() -> set[str]:
        found = await _traced_services(invoice_id)
        return found if found >= TRACED_SERVICES else set()

    assert await eventually(services, within=90, every=2) >= TRACED_SERVICES


async def _pending(api: FacturoApi, approver: str, invoice_id: str) -> dict[str, Any]:
    async def probe() -> dict[str, Any] | None:
        page = await api.ok(
            approver,
            "GET",
            "approvals",
            "/approvals",
            params={"status": "pending", "limit": 500},
        )
        return next((r for r in page["items"] if r["invoice_id"] == invoice_id), None)

    found: dict[str, Any] = await eventually(probe, within=60)
    return found


async def _until_status(
    api: FacturoApi, invoice_id: str, status: str
) -> dict[str, Any]:
    async def probe() -> dict[str, Any] | None:
        invoice = await api.ok("claire", "GET", "invoicing", f"/invoices/{invoice_id}")
        return invoice if invoice["status"] == status else None

    found: dict[str, Any] = await eventually(probe, within=60)
    return found


async def _audit_types(api: FacturoApi, invoice_id: str) -> set[str]:
    page = await api.ok(
        "alex",
        "GET",
        "audit",
        "/audit/entries",
        params={"subject": invoice_id, "limit": 500},
    )
    return {entry["event_type"] for entry in page["items"]}


async def _audit_has_issue_delivery(api: FacturoApi, invoice_id: str) -> bool:
    return "notifications.delivery.delivered.v1" in await _audit_types(api, invoice_id)


async def _snapshot(api: FacturoApi, stack: Paths, issued: Issued) -> dict[str, Any]:
    invoice_id = issued.invoice["id"]
    audit = await api.ok(
        "alex",
        "GET",
        "audit",
        "/audit/entries",
        params={"subject": invoice_id, "limit": 500},
    )
    verify = await api.ok("alex", "GET", "audit", "/audit/verify")
    notes = await api.ok(
        "claire", "GET", "notifications", "/notifications", params={"limit": 200}
    )
    return {
        "invoice": await api.ok(
            "claire", "GET", "invoicing", f"/invoices/{invoice_id}"
        ),
        "request": await api.ok(
            "alex", "GET", "approvals", f"/approvals/{issued.request['id']}"
        ),
        "audit": [e["seq"] for e in audit["items"]],
        "chain": (verify["ok"], verify["entries"]),
        "notifications": sorted(n["id"] for n in notes["items"]),
        "mails": len(list(stack.mail.glob("*.eml"))),
    }


def _mails(folder: Path) -> list[Any]:
    return [
        message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(folder.glob("*.eml"))
    ]


async def _traced_services(invoice_id: str) -> set[str]:
    async with httpx.AsyncClient(timeout=10.0) as client:
        response = await client.get(
            f"{ZIPKIN}/traces",
            params={
                "annotationQuery": f"facturo.invoice.id={invoice_id}",
                "limit": 50,
                "lookback": 3_600_000,
            },
        )
    response.raise_for_status()
    return {
        span["localEndpoint"]["serviceName"]
        for trace in response.json()
        for span in trace
        if span.get("localEndpoint", {}).get("serviceName")
    }
