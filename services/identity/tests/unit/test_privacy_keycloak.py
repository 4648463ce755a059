"""Keycloak's side of privacy: finding users by address, pseudonymising one."""

import json
from typing import Any

import httpx
import pytest

from facturo_identity.adapters.keycloak_admin import KeycloakAdmin
from facturo_identity.domain.errors import DirectoryUnavailable, UnknownUser

BASE = "http://keycloak.test/admin/realms/facturo"
TOM = {
    "id": "u-tom",
    "username": "tom",
    "firstName": "Tom",
    "lastName": "Durand",
    "email": "tom@demo.facturo.test",
    "emailVerified": True,
    "enabled": True,
}


class Realm:
    def __init__(self, put_status: int = 204) -> None:
        self.put_status = put_status
        self.requests: list[tuple[str, str, Any]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/admin/realms/facturo")
        body = json.loads(request.content) if request.content else None
        self.requests.append((request.method, path, body or dict(request.url.params)))
        if request.method == "GET" and path == "/users/u-tom":
            return httpx.Response(200, json=TOM)
        if request.method == "GET" and path == "/users":
            # Keycloak's `email` search matches substrings unless exact=true.
            return httpx.Response(200, json=[TOM, TOM | {"id": "u-tom2", "email": "x"}])
        if request.method == "GET":
            return httpx.Response(404)
        return httpx.Response(self.put_status if request.method == "PUT" else 204)


def admin(realm: Realm) -> KeycloakAdmin:
    transport = httpx.MockTransport(realm)
    return KeycloakAdmin(httpx.AsyncClient(base_url=BASE, transport=transport))


async def test_users_are_found_by_their_exact_address() -> None:
    realm = Realm()

    found = await admin(realm).user_ids_by_email("Tom@Demo.Facturo.test")

    assert found == ["u-tom"]
    [(method, path, params)] = realm.requests
    assert (method, path) == ("GET", "/users")
    assert params | {"first": "0", "max": "100"} == {
        "email": "Tom@Demo.Facturo.test",
        "exact": "true",
        "briefRepresentation": "true",
        "first": "0",
        "max": "100",
    }


async def test_pseudonymising_keeps_the_id_and_nothing_that_names_tom() -> None:
    realm = Realm()

    await admin(realm).pseudonymise("u-tom", "erased-1a2b3c4d")

    assert realm.requests[1:] == [
        (
            "PUT",
            "/users/u-tom",
            {
                "id": "u-tom",
                "username": "erased-1a2b3c4d",
                "firstName": "",
                "lastName": "",
                "email": "",
                "emailVerified": False,
                "enabled": False,
            },
        ),
        ("POST", "/users/u-tom/logout", {}),
    ]


async def test_an_unknown_user_or_a_refusal() -> None:
    with pytest.raises(UnknownUser):
        await admin(Realm()).pseudonymise("u-nobody", "erased-1a2b3c4d")
    with pytest.raises(DirectoryUnavailable):
        await admin(Realm(put_status=400)).pseudonymise("u-tom", "erased-1a2b3c4d")
