"""Recurring schedules through the API, shared by the schedule tests.

The template is one line of 100.00 at 20 % VAT and one of 10.00 at 5.5 %
with a 10 % discount: each draft is 100.00 + 9.00 net, 20.00 + 0.50 VAT.
"""

from typing import Any

import httpx

from facturo_chassis.testing import auth

from .flows import new_customer

LINES = [
    {
        "description": "Abonnement",
        "quantity": "1",
        "unit_price": "100",
        "vat_rate": "20",
    },
    {
        "description": "Livre",
        "quantity": "1",
        "unit_price": "10.00",
        "vat_rate": "5.5",
        "discount": {"percent": "10"},
    },
]


def schedule_body(customer_id: str, **changes: Any) -> dict[str, Any]:
    template = {
        "department": "SAL",
        "customer_id": customer_id,
        "lines": LINES,
        "notes": ["Merci de votre confiance"],
        "purchase_order_reference": "PO-2026-17",
    }
    body = {"template": template, "frequency": "monthly", "start_date": "2026-11-01"}
    return body | changes


async def new_schedule(
    client: httpx.AsyncClient,
    customer_id: str | None = None,
    user: str = "claire",
    **changes: Any,
) -> dict[str, Any]:
    customer_id = customer_id or await new_customer(client)
    response = await client.post(
        "/api/v1/recurring-schedules",
        json=schedule_body(customer_id, **changes),
        headers=auth(user),
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def read_schedule(
    client: httpx.AsyncClient, schedule_id: str, user: str = "fanny"
) -> dict[str, Any]:
    response = await client.get(
        f"/api/v1/recurring-schedules/{schedule_id}", headers=auth(user)
    )
    assert response.status_code == 200, response.text
    return dict(response.json())


async def act(
    client: httpx.AsyncClient,
    schedule: dict[str, Any],
    action: str,
    user: str = "claire",
) -> httpx.Response:
    """Pause, resume or end with the schedule's ETag."""
    return await client.post(
        f"/api/v1/recurring-schedules/{schedule['id']}/{action}",
        headers=auth(user) | {"If-Match": f'W/"{schedule["version"]}"'},
    )
