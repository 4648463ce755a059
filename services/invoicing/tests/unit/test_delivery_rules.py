"""Delivery information on drafts, and the EN 16931 rules that need it:
BR-IC-11 and BR-IC-12 (intra-community supply), BR-O-02 to BR-O-04 (not
subject to VAT), BR-29 and BR-57."""

import uuid
from dataclasses import replace
from datetime import date
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_contracts import approvals
from facturo_invoicing.adapters.pdf import render_invoice_pdf
from facturo_invoicing.domain.checks import (
    delivery_problems,
    intra_community_problems,
    shown_vat_ids,
)
from facturo_invoicing.domain.inputs import Delivery, VatIds
from facturo_invoicing.domain.vat import VatCategory

from .flows import deliver_approval, if_match, new_customer, read_invoice
from .test_pdf import document, text_of

App = tuple[FastAPI, httpx.AsyncClient]
INTRA, OUTSIDE, STANDARD = (
    VatCategory.INTRA_EU,
    VatCategory.OUTSIDE_SCOPE,
    VatCategory.STANDARD,
)
DAY = date(2026, 11, 20)
GERMAN_BUYER = {
    "name": "Bäckerei Müller GmbH",
    "siren": None,
    "vat_id": "DE136695976",
    "country": "DE",
    "address_lines": ["Hauptstraße 1", "10115 Berlin"],
}
SELLER_VAT_ID = "FR19812345676"  # the settings' default seller
BUYER_VAT_ID = "FR64443061841"  # flows.CUSTOMER


def line(category: str, rate: str = "0") -> list[dict[str, str]]:
    return [
        {
            "description": "Machine",
            "quantity": "1",
            "unit_price": "1000",
            "vat_rate": rate,
            "vat_category": category,
        }
    ]


# --- domain ------------------------------------------------------------------


def messages(problems: Any) -> list[str]:
    return [f"{p.location}: {p.message}" for p in problems]


def test_delivery_needs_a_period_in_order_a_known_country_and_no_lone_address() -> None:
    bad = Delivery(
        period_start=date(2026, 11, 30),
        period_end=date(2026, 11, 1),
        country="XX",
    )

    assert messages(delivery_problems(bad)) == [
        "invoicing_period_end: BR-29: must not be before the start 2026-11-30",
        "deliver_to_country: not an ISO 3166-1 alpha-2 country code",
    ]
    assert messages(delivery_problems(Delivery(address="Quai 3"))) == [
        "deliver_to_country: BR-57: a deliver-to address needs its country"
    ]
    same_day = Delivery(period_start=DAY, period_end=DAY, country="DE")
    assert list(delivery_problems(same_day)) == []


@pytest.mark.parametrize(
    "delivery",
    [
        Delivery(actual_date=DAY, country="DE"),
        Delivery(period_start=DAY, country="DE"),
        Delivery(period_end=DAY, country="DE"),
    ],
)
def test_intra_community_supply_with_date_or_period_and_country_passes(
    delivery: Delivery,
) -> None:
    assert list(intra_community_problems([STANDARD, INTRA], delivery)) == []


def test_intra_community_supply_without_them_names_both_rules() -> None:
    found = messages(intra_community_problems([INTRA], Delivery()))

    assert [m.split(": ")[1] for m in found] == ["BR-IC-11", "BR-IC-12"]
    assert list(intra_community_problems([STANDARD], Delivery())) == []


def test_not_subject_to_vat_shows_no_vat_identifier() -> None:
    ids = VatIds(seller=SELLER_VAT_ID, tax_representative="FR0", buyer=BUYER_VAT_ID)

    assert shown_vat_ids([OUTSIDE], ids) == VatIds()
    assert shown_vat_ids([STANDARD, INTRA], ids) == ids


def test_pdf_prints_the_delivery_date_and_an_open_period() -> None:
    delivery = Delivery(actual_date=DAY, period_end=date(2026, 11, 30), country="BE")

    text = text_of(render_invoice_pdf(replace(document(), delivery=delivery)))

    assert "Date de livraison : 20/11/2026" in text
    assert "Période de facturation : jusqu'au 30/11/2026" in text
    assert "Lieu de livraison : Belgique" in text


# --- API ---------------------------------------------------------------------


async def draft(
    client: httpx.AsyncClient, customer_id: str, **fields: Any
) -> httpx.Response:
    body = {"department": "SAL", "customer_id": customer_id} | fields
    return await client.post("/api/v1/invoices", json=body, headers=auth("claire"))


async def submit(client: httpx.AsyncClient, invoice_id: str) -> httpx.Response:
    current = await read_invoice(client, invoice_id)
    return await client.post(
        f"/api/v1/invoices/{invoice_id}/submit",
        headers=auth("claire") | if_match(current),
    )


async def patch(
    client: httpx.AsyncClient, invoice: dict[str, Any], **changes: Any
) -> httpx.Response:
    current = await read_invoice(client, invoice["id"])
    return await client.patch(
        f"/api/v1/invoices/{invoice['id']}",
        json=changes,
        headers=auth("claire") | if_match(current),
    )


async def issued_pdf(app: FastAPI, client: httpx.AsyncClient, invoice_id: str) -> str:
    submitted = await submit(client, invoice_id)
    assert submitted.status_code == 200, submitted.text
    granted = approvals.ApprovalGranted(
        request_id=str(uuid.uuid4()),
        invoice_id=invoice_id,
        department="SAL",
        decided_by="sub-marc",
    )
    await deliver_approval(app, granted)
    pdf = await client.get(f"/api/v1/invoices/{invoice_id}/pdf", headers=auth("alex"))
    assert pdf.status_code == 200, pdf.text
    return text_of(pdf.content)


async def test_delivery_fields_are_stored_returned_and_edited(
    client: httpx.AsyncClient,
) -> None:
    customer_id = await new_customer(client, **GERMAN_BUYER)

    created = await draft(
        client,
        customer_id,
        lines=line("K"),
        actual_delivery_date="2026-11-20",
        invoicing_period_start="2026-11-01",
        invoicing_period_end="2026-11-30",
        deliver_to_country="DE",
        deliver_to_address="Lager 4, Hafenstraße 9",
    )
    assert created.status_code == 201, created.text
    edited = await patch(
        client, created.json(), deliver_to_address=None, invoicing_period_end=None
    )

    fields = ("actual_delivery_date", "invoicing_period_start")
    fields += ("invoicing_period_end", "deliver_to_country", "deliver_to_address")
    assert [created.json()[f] for f in fields] == [
        "2026-11-20",
        "2026-11-01",
        "2026-11-30",
        "DE",
        "Lager 4, Hafenstraße 9",
    ]
    assert edited.status_code == 200, edited.text
    stored = await read_invoice(client, created.json()["id"])
    assert [stored[f] for f in fields] == ["2026-11-20", "2026-11-01", None, "DE", None]


async def test_invalid_delivery_is_refused_on_create_and_patch(
    client: httpx.AsyncClient,
) -> None:
    customer_id = await new_customer(client)
    ok = await draft(client, customer_id, lines=line("S", "20"))

    backwards = await draft(
        client,
        customer_id,
        lines=line("S", "20"),
        invoicing_period_start="2026-11-30",
        invoicing_period_end="2026-11-01",
    )
    unknown = await patch(client, ok.json(), deliver_to_country="XX")
    lone_address = await patch(client, ok.json(), deliver_to_address="Quai 3")

    assert backwards.status_code == 422
    assert "BR-29" in backwards.json()["detail"]
    assert unknown.status_code == 422
    assert [e["location"] for e in unknown.json()["errors"]] == ["deliver_to_country"]
    assert lone_address.status_code == 422
    assert "BR-57" in lone_address.json()["detail"]
    assert (await read_invoice(client, ok.json()["id"]))["version"] == 1


async def test_intra_community_supply_needs_delivery_date_and_country(
    client: httpx.AsyncClient,
) -> None:
    customer_id = await new_customer(client, **GERMAN_BUYER)
    invoice = (await draft(client, customer_id, lines=line("K"))).json()

    bare = await submit(client, invoice["id"])
    await patch(client, invoice, actual_delivery_date="2026-11-20")
    dated = await submit(client, invoice["id"])
    await patch(client, invoice, deliver_to_country="DE")
    complete = await submit(client, invoice["id"])

    assert bare.status_code == 422
    assert "BR-IC-11" in bare.json()["detail"]
    assert "BR-IC-12" in bare.json()["detail"]
    assert dated.status_code == 422
    assert "BR-IC-11" not in dated.json()["detail"]
    assert "BR-IC-12: an intra-community supply" in dated.json()["detail"]
    assert complete.status_code == 200, complete.text
    assert complete.json()["status"] == "submitted"


async def test_refused_submission_leaves_a_draft(client: httpx.AsyncClient) -> None:
    customer_id = await new_customer(client, **GERMAN_BUYER)
    invoice = (
        await draft(
            client, customer_id, lines=line("K"), invoicing_period_start="2026-11-01"
        )
    ).json()

    refused = await submit(client, invoice["id"])

    assert refused.status_code == 422
    assert [e["location"] for e in refused.json()["errors"]] == ["deliver_to_country"]
    after = await read_invoice(client, invoice["id"])
    assert (after["status"], after["version"]) == ("draft", invoice["version"])


async def test_issued_intra_community_invoice_prints_its_delivery(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client, **GERMAN_BUYER)
    invoice = await draft(
        client,
        customer_id,
        lines=line("K"),
        invoicing_period_start="2026-11-01",
        invoicing_period_end="2026-11-30",
        deliver_to_country="DE",
        deliver_to_address="Hafenstraße 9, 20457 Hamburg",
    )

    text = await issued_pdf(app, client, invoice.json()["id"])

    assert "Période de facturation : du 01/11/2026 au 30/11/2026" in text
    assert "Lieu de livraison : Hafenstraße 9, 20457 Hamburg, Allemagne" in text
    assert SELLER_VAT_ID in text
    assert "DE136695976" in text


async def test_not_subject_to_vat_is_issued_without_vat_identifiers(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    customer_id = await new_customer(client)  # it has a VAT id
    invoice = await draft(client, customer_id, lines=line("O"))

    text = await issued_pdf(app, client, invoice.json()["id"])

    assert SELLER_VAT_ID not in text
    assert BUYER_VAT_ID not in text
    assert "N° TVA intracommunautaire" not in text
    assert "SIREN : 443061841" in text
    assert "Non soumis à la TVA" in text
    customer = await client.get(
        f"/api/v1/customers/{customer_id}", headers=auth("fanny")
    )
    assert customer.json()["vat_id"] == BUYER_VAT_ID
