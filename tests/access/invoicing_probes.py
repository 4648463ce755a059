"""Invoicing: how the matrix builds the app, seeds it and calls each route.

All seeding is in `new_customer`, `new_draft`, `issue`, `sent`, `paid`,
`draft_credit` and `issued_credit`, done by finance (who works in every
department), so a change of the invoicing API is adapted here in one place.
"""

import uuid

from fastapi import FastAPI

from facturo_chassis.testing import auth
from facturo_contracts import approvals, topics
from facturo_invoicing.bootstrap import create_app
from facturo_invoicing.settings import InvoicingSettings

from .fakes import Colleagues
from .harness import (
    Call,
    Nested,
    NestedProbe,
    Probe,
    Route,
    World,
    deliver,
    ok,
)

SEEDER = "fanny"
LINES = [
    {"description": "Conseil", "quantity": "2", "unit_price": "100", "vat_rate": "20"}
]


def build(database_url: str) -> FastAPI:
    return create_app(InvoicingSettings(database_url=database_url), Colleagues())


def customer_body(department: str) -> dict[str, object]:
    return {
        "department": department,
        "name": f"Client {department}",
        "siren": "443061841",
        "vat_id": "FR64443061841",
        "address_lines": ["3 place du Marché", "69002 Lyon"],
    }


def invoice_body(department: str, customer_id: str) -> dict[str, object]:
    return {"department": department, "customer_id": customer_id, "lines": LINES}


def if_match(invoice: dict[str, object]) -> dict[str, str]:
    return {"If-Match": f'W/"{invoice["version"]}"'}


async def new_customer(world: World, department: str) -> str:
    response = await world.client.post(
        "/api/v1/customers", json=customer_body(department), headers=auth(SEEDER)
    )
    return str(ok(response)["id"])


async def customer_of(world: World, department: str) -> str:
    """One customer per department, made once."""
    key = f"customer-{department}"
    if key not in world.kept:
        world.kept[key] = await new_customer(world, department)
    return str(world.kept[key])


async def new_draft(world: World, department: str) -> dict[str, object]:
    body = invoice_body(department, await customer_of(world, department))
    response = await world.client.post(
        "/api/v1/invoices", json=body, headers=auth(SEEDER)
    )
    return dict(ok(response))


async def issue(world: World, department: str) -> dict[str, object]:
    """A new invoice submitted, granted and issued (it has its PDF)."""
    draft = await new_draft(world, department)
    invoice_id = str(draft["id"])
    ok(
        await world.client.post(
            f"/api/v1/invoices/{invoice_id}/submit",
            headers=auth(SEEDER) | if_match(draft),
        )
    )
    granted = approvals.ApprovalGranted(
        request_id=str(uuid.uuid4()),
        invoice_id=invoice_id,
        department=department,
        decided_by="sub-approver",
    )
    await deliver(world, topics.APPROVAL_REQUESTS, granted)
    return dict(
        ok(
            await world.client.get(
                f"/api/v1/invoices/{invoice_id}", headers=auth(SEEDER)
            )
        )
    )


async def issued_invoice(world: World, department: str) -> str:
    """One issued invoice per department, made once."""
    key = f"issued-{department}"
    if key not in world.kept:
        world.kept[key] = str((await issue(world, department))["id"])
    return str(world.kept[key])


async def sent(world: World, department: str) -> dict[str, object]:
    """A new invoice issued and sent: payments may be recorded."""
    invoice = await issue(world, department)
    response = await world.client.post(
        f"/api/v1/invoices/{invoice['id']}/send",
        headers=auth(SEEDER) | if_match(invoice),
    )
    return dict(ok(response))


def payment_body(invoice: dict[str, object]) -> dict[str, object]:
    return {
        "amount": "1.00",
        "received_on": invoice["issue_date"],
        "method": "transfer",
    }


async def paid(world: World, department: str) -> tuple[dict[str, object], str]:
    """A sent invoice with one payment; the balance after it, and its id."""
    invoice = await sent(world, department)
    response = await world.client.post(
        f"/api/v1/invoices/{invoice['id']}/payments",
        json=payment_body(invoice),
        headers=auth(SEEDER) | if_match(invoice),
    )
    result = ok(response)
    return dict(result["invoice"]), str(result["payment"]["id"])


CREDIT = {"kind": "amount", "gross": "1.00", "reason": "probe"}


async def draft_credit(world: World, department: str) -> dict[str, object]:
    """A draft credit note of the department's issued invoice (1.00 EUR)."""
    invoice_id = await issued_invoice(world, department)
    response = await world.client.post(
        f"/api/v1/invoices/{invoice_id}/credit-notes", json=CREDIT, headers=auth(SEEDER)
    )
    return dict(ok(response))


async def issued_credit(world: World, department: str) -> str:
    """A credit note submitted, granted and issued (it has its PDF); made once."""
    key = f"credit-{department}"
    if key in world.kept:
        return str(world.kept[key])
    draft = await draft_credit(world, department)
    await issue_credit(world, department, draft)
    world.kept[key] = str(draft["id"])
    return str(draft["id"])


async def issue_credit(world: World, department: str, draft: dict[str, object]) -> None:
    """Submit a draft credit note and deliver its approval: it is issued."""
    ok(
        await world.client.post(
            f"/api/v1/credit-notes/{draft['id']}/submit",
            headers=auth(SEEDER) | if_match(draft),
        )
    )
    granted = approvals.ApprovalGranted(
        request_id=str(uuid.uuid4()),
        invoice_id=str(draft["invoice_id"]),
        department=department,
        decided_by="sub-approver",
        credit_note_id=str(draft["id"]),
    )
    await deliver(world, topics.APPROVAL_REQUESTS, granted)


async def refund_due(world: World, department: str) -> dict[str, object]:
    """A new invoice paid in full, then credited 1.00: 1.00 is due back."""
    invoice = await sent(world, department)
    url = f"/api/v1/invoices/{invoice['id']}"
    body = payment_body(invoice) | {"amount": invoice["outstanding"]}
    ok(
        await world.client.post(
            f"{url}/payments", json=body, headers=auth(SEEDER) | if_match(invoice)
        )
    )
    credit = ok(
        await world.client.post(
            f"{url}/credit-notes", json=CREDIT, headers=auth(SEEDER)
        )
    )
    await issue_credit(world, department, dict(credit))
    return dict(ok(await world.client.get(url, headers=auth(SEEDER))))


def refund_body(invoice: dict[str, object]) -> dict[str, object]:
    return {
        "amount": "1.00",
        "refunded_on": invoice["issue_date"],
        "method": "transfer",
    }


async def post_customer(world: World, department: str, user: str) -> Call:
    return Call(json=customer_body(department))


async def list_customers(world: World, department: str, user: str) -> Call:
    listed = await customer_of(world, department)
    return Call(listed=listed, params={"department": department})


async def get_customer(world: World, department: str, user: str) -> Call:
    return Call(ids={"customer_id": await customer_of(world, department)})


async def post_invoice(world: World, department: str, user: str) -> Call:
    return Call(json=invoice_body(department, await customer_of(world, department)))


async def list_invoices(world: World, department: str, user: str) -> Call:
    listed = await issued_invoice(world, department)
    return Call(listed=listed, params={"department": department})


async def export_invoices(world: World, department: str, user: str) -> Call:
    """The CSV export, filtered like the list (its rows have id, department)."""
    listed = await issued_invoice(world, department)
    return Call(listed=listed, params={"department": department})


async def get_invoice(world: World, department: str, user: str) -> Call:
    return Call(ids={"invoice_id": await issued_invoice(world, department)})


async def submit_invoice(world: World, department: str, user: str) -> Call:
    draft = await new_draft(world, department)
    return Call(ids={"invoice_id": str(draft["id"])}, headers=if_match(draft))


async def patch_invoice(world: World, department: str, user: str) -> Call:
    draft = await new_draft(world, department)
    return Call(
        ids={"invoice_id": str(draft["id"])},
        json={"notes": ["probe"]},
        headers=if_match(draft),
    )


async def patch_customer(world: World, department: str, user: str) -> Call:
    customer_id = await new_customer(world, department)
    return Call(
        ids={"customer_id": customer_id},
        json={"payment_terms_days": 45},
        headers={"If-Match": 'W/"1"'},
    )


async def get_pdf(world: World, department: str, user: str) -> Call:
    return Call(ids={"invoice_id": await issued_invoice(world, department)})


async def send_invoice(world: World, department: str, user: str) -> Call:
    invoice = await issue(world, department)
    return Call(ids={"invoice_id": str(invoice["id"])}, headers=if_match(invoice))


async def post_payment(world: World, department: str, user: str) -> Call:
    invoice = await sent(world, department)
    return Call(
        ids={"invoice_id": str(invoice["id"])},
        json=payment_body(invoice),
        headers=if_match(invoice),
    )


async def list_payments(world: World, department: str, user: str) -> Call:
    return Call(ids={"invoice_id": await issued_invoice(world, department)})


async def reverse_payment(world: World, department: str, user: str) -> Call:
    balance, payment_id = await paid(world, department)
    return Call(
        ids={"invoice_id": str(balance["invoice_id"]), "payment_id": payment_id},
        json={"reason": "probe"},
        headers=if_match(balance),
    )


async def post_refund(world: World, department: str, user: str) -> Call:
    invoice = await refund_due(world, department)
    return Call(
        ids={"invoice_id": str(invoice["id"])},
        json=refund_body(invoice),
        headers=if_match(invoice),
    )


async def list_refunds(world: World, department: str, user: str) -> Call:
    return Call(ids={"invoice_id": await issued_invoice(world, department)})


async def reverse_refund(world: World, department: str, user: str) -> Call:
    invoice = await refund_due(world, department)
    response = await world.client.post(
        f"/api/v1/invoices/{invoice['id']}/refunds",
        json=refund_body(invoice),
        headers=auth(SEEDER) | if_match(invoice),
    )
    result = ok(response)
    return Call(
        ids={"invoice_id": str(invoice["id"]), "refund_id": result["refund"]["id"]},
        json={"reason": "probe"},
        headers=if_match(result["invoice"]),
    )


async def post_credit_note(world: World, department: str, user: str) -> Call:
    invoice_id = await issued_invoice(world, department)
    return Call(ids={"invoice_id": invoice_id}, json=CREDIT)


async def list_credit_notes(world: World, department: str, user: str) -> Call:
    return Call(ids={"invoice_id": await issued_invoice(world, department)})


async def get_credit_note(world: World, department: str, user: str) -> Call:
    return Call(ids={"credit_note_id": await issued_credit(world, department)})


async def submit_credit_note(world: World, department: str, user: str) -> Call:
    draft = await draft_credit(world, department)
    return Call(ids={"credit_note_id": str(draft["id"])}, headers=if_match(draft))


async def post_comment(world: World, department: str, user: str) -> Call:
    invoice_id = await issued_invoice(world, department)
    return Call(
        ids={"invoice_id": invoice_id},
        json={"text": "probe", "mentions": ["sub-fanny"]},
    )


async def list_comments(world: World, department: str, user: str) -> Call:
    return Call(ids={"invoice_id": await issued_invoice(world, department)})


def schedule_body(department: str, customer_id: str) -> dict[str, object]:
    return {
        "template": invoice_body(department, customer_id),
        "frequency": "monthly",
        "start_date": "2026-11-01",
    }


async def new_schedule(world: World, department: str) -> dict[str, object]:
    body = schedule_body(department, await customer_of(world, department))
    response = await world.client.post(
        "/api/v1/recurring-schedules", json=body, headers=auth(SEEDER)
    )
    return dict(ok(response))


async def schedule_of(world: World, department: str) -> str:
    """One schedule per department, made once (and never changed)."""
    key = f"schedule-{department}"
    if key not in world.kept:
        world.kept[key] = str((await new_schedule(world, department))["id"])
    return str(world.kept[key])


async def post_schedule(world: World, department: str, user: str) -> Call:
    customer_id = await customer_of(world, department)
    return Call(json=schedule_body(department, customer_id))


async def list_schedules(world: World, department: str, user: str) -> Call:
    listed = await schedule_of(world, department)
    return Call(listed=listed, params={"department": department})


async def get_schedule(world: World, department: str, user: str) -> Call:
    return Call(ids={"schedule_id": await schedule_of(world, department)})


async def patch_schedule(world: World, department: str, user: str) -> Call:
    schedule = await new_schedule(world, department)
    return Call(
        ids={"schedule_id": str(schedule["id"])},
        json={"template": {"notes": ["probe"]}, "count": 3},
        headers=if_match(schedule),
    )


async def active_schedule(world: World, department: str, user: str) -> Call:
    """A new active schedule (pause, end)."""
    schedule = await new_schedule(world, department)
    return Call(ids={"schedule_id": str(schedule["id"])}, headers=if_match(schedule))


async def resume_schedule(world: World, department: str, user: str) -> Call:
    """A paused schedule."""
    schedule = await new_schedule(world, department)
    response = await world.client.post(
        f"/api/v1/recurring-schedules/{schedule['id']}/pause",
        headers=auth(SEEDER) | if_match(schedule),
    )
    paused = ok(response)
    return Call(ids={"schedule_id": str(paused["id"])}, headers=if_match(paused))


async def nested_schedule_customer(world: World, department: str, other: str) -> Nested:
    """A schedule of `department` for a customer of `other`, or of nobody."""
    return Nested(
        other=schedule_body(department, await customer_of(world, other)),
        missing=schedule_body(department, str(uuid.uuid4())),
    )


async def nested_customer(world: World, department: str, other: str) -> Nested:
    """An invoice of `department` for a customer of `other`, or of nobody."""
    return Nested(
        other=invoice_body(department, await customer_of(world, other)),
        missing=invoice_body(department, str(uuid.uuid4())),
    )


NESTED: dict[Route, NestedProbe] = {
    ("POST", "/api/v1/invoices"): nested_customer,
    ("POST", "/api/v1/recurring-schedules"): nested_schedule_customer,
}


async def collect(world: World, department: str, user: str) -> Call:
    """Identity asks for what is held about an address of the department."""
    await customer_of(world, department)
    return Call(json={"user_id": "sub-claire", "email": f"{department}@example.com"})


PROBES: dict[Route, Probe] = {
    ("POST", "/api/v1/privacy/exports"): collect,
    ("PATCH", "/api/v1/invoices/{invoice_id}"): patch_invoice,
    ("PATCH", "/api/v1/customers/{customer_id}"): patch_customer,
    ("POST", "/api/v1/customers"): post_customer,
    ("GET", "/api/v1/customers"): list_customers,
    ("GET", "/api/v1/customers/{customer_id}"): get_customer,
    ("POST", "/api/v1/invoices"): post_invoice,
    ("GET", "/api/v1/invoices"): list_invoices,
    ("GET", "/api/v1/invoices/export"): export_invoices,
    ("GET", "/api/v1/invoices/{invoice_id}"): get_invoice,
    ("POST", "/api/v1/invoices/{invoice_id}/submit"): submit_invoice,
    ("GET", "/api/v1/invoices/{invoice_id}/pdf"): get_pdf,
    ("POST", "/api/v1/invoices/{invoice_id}/send"): send_invoice,
    ("POST", "/api/v1/invoices/{invoice_id}/payments"): post_payment,
    ("GET", "/api/v1/invoices/{invoice_id}/payments"): list_payments,
    ("POST", "/api/v1/invoices/{invoice_id}/payments/{payment_id}/reverse"): (
        reverse_payment
    ),
    ("POST", "/api/v1/invoices/{invoice_id}/refunds"): post_refund,
    ("GET", "/api/v1/invoices/{invoice_id}/refunds"): list_refunds,
    ("POST", "/api/v1/invoices/{invoice_id}/refunds/{refund_id}/reverse"): (
        reverse_refund
    ),
    ("POST", "/api/v1/invoices/{invoice_id}/credit-notes"): post_credit_note,
    ("GET", "/api/v1/invoices/{invoice_id}/credit-notes"): list_credit_notes,
    ("GET", "/api/v1/credit-notes/{credit_note_id}"): get_credit_note,
    ("POST", "/api/v1/credit-notes/{credit_note_id}/submit"): submit_credit_note,
    ("GET", "/api/v1/credit-notes/{credit_note_id}/pdf"): get_credit_note,
    ("POST", "/api/v1/recurring-schedules"): post_schedule,
    ("GET", "/api/v1/recurring-schedules"): list_schedules,
    ("GET", "/api/v1/recurring-schedules/{schedule_id}"): get_schedule,
    ("PATCH", "/api/v1/recurring-schedules/{schedule_id}"): patch_schedule,
    ("POST", "/api/v1/recurring-schedules/{schedule_id}/pause"): active_schedule,
    ("POST", "/api/v1/recurring-schedules/{schedule_id}/resume"): resume_schedule,
    ("POST", "/api/v1/recurring-schedules/{schedule_id}/end"): active_schedule,
    ("POST", "/api/v1/invoices/{invoice_id}/comments"): post_comment,
    ("GET", "/api/v1/invoices/{invoice_id}/comments"): list_comments,
}
