"""The seller of an invoice is its department's legal entity, frozen at issue.

Identity's announcements reach the `invoicing-directory` consumer as Kafka
would hand them over; numbers are unique per seller, not service-wide.
"""

import uuid
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_contracts import approvals, identity, topics
from facturo_contracts.envelope import Event
from facturo_invoicing.adapters.orm import DepartmentLegalEntity, LegalEntity

from .flows import (
    HUNDRED_AT_20,
    deliver_approval,
    if_match,
    new_customer,
    outbox,
    read_invoice,
)
from .test_credit_note_api import issued_credit
from .test_pdf import text_of

App = tuple[FastAPI, httpx.AsyncClient]
YEAR = datetime.now(UTC).year
LYON = identity.LegalEntityRegistered(
    id="le-lyon",
    name="Facturo Conseil SAS",
    siren="732829320",
    vat_id="FR44732829320",
    address="1 rue Exemple, 69001 Lyon, France",
)
NANTES = identity.LegalEntityRegistered(
    id="le-nantes",
    name="Facturo Formation SARL",
    siren="552100554",
    vat_id="FR96552100554",
    address="8 quai de la Fosse, 44000 Nantes",
)
CLERKS = {"SAL": "claire", "SRV": "tom"}
ISSUED = "invoicing.invoice.issued.v1"


async def announce(app: FastAPI, event: Event, event_id: str | None = None) -> None:
    """Hand an identity event to the `invoicing-directory` consumer."""
    runtime: Runtime = app.state.runtime
    [consumer] = [c for c in runtime.consumers if c.name == "invoicing-directory"]
    headers = build_headers(
        event, source="/facturo/identity", actor=None, event_id=event_id
    )
    body = event.model_dump_json().encode()
    await consumer.process(runtime.broker, topics.DIRECTORY, body, headers)


async def assign(app: FastAPI, department: str, entity: str) -> None:
    await announce(
        app,
        identity.DepartmentAssignedToLegalEntity(
            department=department, legal_entity_id=entity
        ),
    )


async def issued(app: FastAPI, client: httpx.AsyncClient, department: str) -> Any:
    """An invoice of ``department`` drafted by its clerk, granted and issued."""
    customer_id = await new_customer(client, department=department)
    body = {
        "department": department,
        "customer_id": customer_id,
        "lines": HUNDRED_AT_20,
    }
    clerk = auth(CLERKS[department])
    draft = (await client.post("/api/v1/invoices", json=body, headers=clerk)).json()
    submitted = await client.post(
        f"/api/v1/invoices/{draft['id']}/submit", headers=clerk | if_match(draft)
    )
    assert submitted.status_code == 200, submitted.text
    granted = approvals.ApprovalGranted(
        request_id=str(uuid.uuid4()),
        invoice_id=draft["id"],
        department=department,
        decided_by="sub-marc",
    )
    await deliver_approval(app, granted)
    return await read_invoice(client, draft["id"])


async def pdf_text(client: httpx.AsyncClient, path: str) -> str:
    response = await client.get(path, headers=auth("fanny"))
    assert response.status_code == 200, response.text
    return text_of(response.content)


def seller(entity: identity.LegalEntityRegistered) -> dict[str, str | None]:
    return {
        "legal_entity_id": entity.id,
        "name": entity.name,
        "siren": entity.siren,
        "vat_id": entity.vat_id,
        "address": entity.address,
    }


async def test_each_department_invoices_as_its_own_legal_entity(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    for event in (LYON, NANTES):
        await announce(app, event)
    await assign(app, "SAL", LYON.id)
    await assign(app, "SRV", NANTES.id)

    sales = await issued(app, client, "SAL")
    services = await issued(app, client, "SRV")
    sales_pdf = await pdf_text(client, f"/api/v1/invoices/{sales['id']}/pdf")
    services_pdf = await pdf_text(client, f"/api/v1/invoices/{services['id']}/pdf")

    assert (sales["number"], sales["seller"]) == (f"SAL-{YEAR}-000001", seller(LYON))
    assert (services["number"], services["seller"]) == (
        f"SRV-{YEAR}-000001",
        seller(NANTES),
    )
    assert "Vendeur : Facturo Conseil SAS" in sales_pdf
    assert "SIREN : 732829320 N° TVA intracommunautaire : FR44732829320" in sales_pdf
    assert "1 rue Exemple 69001 Lyon" in sales_pdf
    assert "Vendeur : Facturo Formation SARL" in services_pdf
    assert "SIREN : 552100554" in services_pdf
    assert "FR96552100554" in services_pdf
    assert "Facturo Conseil" not in services_pdf
    events = await outbox(app, ISSUED)
    assert [
        (e["number"], e["seller_legal_entity_id"], e["seller_siren"]) for e in events
    ] == [
        (f"SAL-{YEAR}-000001", LYON.id, LYON.siren),
        (f"SRV-{YEAR}-000001", NANTES.id, NANTES.siren),
    ]


async def test_a_department_moved_to_another_entity_numbers_from_one_again(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    for event in (LYON, NANTES):
        await announce(app, event)
    await assign(app, "SAL", LYON.id)
    first = await issued(app, client, "SAL")
    second = await issued(app, client, "SAL")

    await assign(app, "SAL", NANTES.id)
    moved = await issued(app, client, "SAL")

    number = f"SAL-{YEAR}-000001"
    assert [first["number"], second["number"]] == [number, f"SAL-{YEAR}-000002"]
    assert (moved["number"], moved["seller"]) == (number, seller(NANTES))
    assert (await read_invoice(client, first["id"]))["seller"] == seller(LYON)


async def test_an_unknown_department_is_invoiced_by_the_default_seller(
    app_and_client: App, caplog: pytest.LogCaptureFixture
) -> None:
    app, client = app_and_client
    await assign(app, "SRV", NANTES.id)  # its entity itself is not known yet

    sales = await issued(app, client, "SAL")
    services = await issued(app, client, "SRV")

    default = {
        "legal_entity_id": None,
        "name": "Facturo Démo SAS",
        "siren": "812345676",
        "vat_id": "FR19812345676",
        "address": "12 rue de la Paix, 75002 Paris, France",
    }
    assert (sales["status"], sales["seller"]) == ("issued", default)
    assert (services["status"], services["seller"]) == ("issued", default)
    assert "legal entity of department SAL unknown" in caplog.text
    assert "legal entity of department SRV unknown" in caplog.text
    text = await pdf_text(client, f"/api/v1/invoices/{sales['id']}/pdf")
    assert "Vendeur : Facturo Démo SAS" in text
    assert "12 rue de la Paix 75002 Paris France" in text


async def test_an_announcement_heard_twice_changes_nothing(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    created = identity.DepartmentCreated(department="SAL", legal_entity_id=LYON.id)
    same_id = str(uuid.uuid4())

    await announce(app, LYON, event_id=same_id)
    await announce(app, LYON, event_id=same_id)  # redelivered
    await announce(app, LYON)  # announced again
    await announce(app, created)
    await assign(app, "SAL", LYON.id)
    await announce(app, created)

    runtime: Runtime = app.state.runtime
    async with runtime.sessions() as session:
        entities = list(await session.scalars(select(LegalEntity)))
        links = list(await session.scalars(select(DepartmentLegalEntity)))
        inbox = runtime.tables.inbox
        handled = await session.scalar(
            select(func.count()).where(inbox.c.consumer == "invoicing-directory")
        )
    assert [(e.id, e.name, e.siren) for e in entities] == [
        (LYON.id, LYON.name, LYON.siren)
    ]
    assert [(link.department, link.legal_entity_id) for link in links] == [
        ("SAL", LYON.id)
    ]
    assert handled == 5
    assert (await issued(app, client, "SAL"))["seller"] == seller(LYON)


async def test_a_credit_note_carries_the_seller_of_its_invoice(
    app_and_client: App,
) -> None:
    app, client = app_and_client
    for event in (LYON, NANTES):
        await announce(app, event)
    await assign(app, "SAL", LYON.id)
    invoice = await issued(app, client, "SAL")
    await assign(app, "SAL", NANTES.id)

    note = await issued_credit(app, client, invoice, kind="amount", gross="12.00")
    text = await pdf_text(client, f"/api/v1/credit-notes/{note['id']}/pdf")

    assert (note["number"], note["seller"]) == (f"SAL-AV-{YEAR}-000001", seller(LYON))
    assert "Vendeur : Facturo Conseil SAS" in text
    assert "Facturo Formation" not in text
    [event] = await outbox(app, "invoicing.invoice.credit-note-issued.v1")
    assert (event["seller_legal_entity_id"], event["seller_siren"]) == (
        LYON.id,
        LYON.siren,
    )
