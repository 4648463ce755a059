"""The directory and invoicing adapters against the routes they call."""

from pathlib import Path

import httpx
import pytest
from faststream.kafka import TestKafkaBroker

from facturo_notifications.adapters.directory import HttpDirectory
from facturo_notifications.adapters.invoicing import HttpInvoicing
from facturo_notifications.bootstrap import create_app
from facturo_notifications.settings import NotificationsSettings

MARC = {
    "id": "sub-marc",
    "username": "marc",
    "name": "Marc Durand",
    "email": "marc@demo.facturo.test",
    "departments": ["SAL"],
    "roles": ["approver"],
    "enabled": True,
}


def route(request: httpx.Request) -> httpx.Response:
    path, params = request.url.path, dict(request.url.params)
    if path == "/api/v1/users/sub-marc":
        return httpx.Response(200, json=MARC)
    if path == "/api/v1/users" and params == {"department": "SAL", "role": "approver"}:
        return httpx.Response(200, json=[MARC])
    if path == "/api/v1/customers/cust-1":
        body = {"id": "cust-1", "name": "Martin", "email": "c@example.com", "x": 1}
        return httpx.Response(200, json=body)
    if path == "/api/v1/users/sub-broken":
        return httpx.Response(503)
    return httpx.Response(404, json={"title": "Not found"})


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(
        transport=httpx.MockTransport(route), base_url="http://test"
    )


async def test_directory_reads_people_and_approvers() -> None:
    directory = HttpDirectory(client())

    marc = await directory.person("sub-marc")
    approvers = await directory.approvers("SAL")

    assert marc is not None
    assert marc.display_name == "Marc Durand"
    assert marc.roles == frozenset({"approver"})
    assert [p.id for p in approvers] == ["sub-marc"]
    assert await directory.person("sub-nobody") is None


async def test_directory_failure_raises_for_a_retry() -> None:
    with pytest.raises(httpx.HTTPStatusError):
        await HttpDirectory(client()).person("sub-broken")


async def test_invoicing_reads_contacts() -> None:
    books = HttpInvoicing(client())

    contact = await books.contact("cust-1")

    assert contact is not None
    assert (contact.name, contact.email) == ("Martin", "c@example.com")
    assert await books.contact("cust-9") is None


async def test_service_wires_real_adapters_and_closes_their_clients(
    tmp_path: Path,
) -> None:
    settings = NotificationsSettings(
        database_url=f"sqlite+aiosqlite:///{tmp_path}/n.db"
    )
    app = create_app(settings)
    runtime = app.state.runtime

    async with TestKafkaBroker(runtime.broker), app.router.lifespan_context(app):
        clients = app.state.http_clients
        assert [str(c.base_url) for c in clients] == [
            "http://127.0.0.1:8001",
            "http://127.0.0.1:8002",
        ]

    assert all(c.is_closed for c in clients)
    assert settings.http_port == 8005
