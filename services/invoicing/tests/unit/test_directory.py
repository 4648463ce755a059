"""The identity directory adapter against the route it calls."""

import httpx
import pytest

from facturo_invoicing.adapters.directory import DirectoryUnavailable, HttpDirectory
from facturo_invoicing.domain.comments import Colleague

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
    path = request.url.path
    if path == "/api/v1/users/sub-marc":
        return httpx.Response(200, json=MARC)
    if path == "/api/v1/users/sub-broken":
        return httpx.Response(503)
    if path == "/api/v1/users/sub-garbled":
        return httpx.Response(200, json={"username": "no id"})
    if path == "/api/v1/users/sub-down":
        raise httpx.ConnectError("connection refused", request=request)
    if path == "/api/v1/users/bad%20id":
        return httpx.Response(422, json={"title": "Invalid request"})
    return httpx.Response(404, json={"title": "Not found"})


def directory() -> HttpDirectory:
    client = httpx.AsyncClient(
        transport=httpx.MockTransport(route), base_url="http://test"
    )
    return HttpDirectory(client)


async def test_a_person_is_read_and_a_missing_one_is_none() -> None:
    people = directory()

    marc = await people.colleague("sub-marc")

    assert marc == Colleague(
        "sub-marc", frozenset({"SAL"}), frozenset({"approver"}), enabled=True
    )
    assert await people.colleague("sub-nobody") is None
    assert await people.colleague("bad id") is None


@pytest.mark.parametrize("user_id", ["sub-broken", "sub-down", "sub-garbled"])
async def test_any_other_failure_is_unavailable(user_id: str) -> None:
    with pytest.raises(DirectoryUnavailable):
        await directory().colleague(user_id)
