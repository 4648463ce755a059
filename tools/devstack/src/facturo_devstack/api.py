"""A small client of Facturo's public HTTP APIs, signed in as demo users.

The demo loader and the system tests use it; they go through the same routes,
tokens and rules as any other client.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from facturo_devstack import keycloak

CLI_CLIENT = "facturo-cli"
DEMO_PASSWORD = "facturo-demo"  # noqa: S105 - the demo realm's, demo-only

PORTS = {
    "identity": 8001,
    "invoicing": 8002,
    "approvals": 8003,
    "audit": 8004,
    "notifications": 8005,
}


def service_url(service: str) -> str:
    return f"http://127.0.0.1:{PORTS[service]}/api/v1"


class FacturoApi:
    """One HTTP client; one access token per demo user, renewed when old."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client
        self._tokens: dict[str, tuple[str, float]] = {}

    async def token(self, username: str) -> str:
        token, expires_at = self._tokens.get(username, ("", 0.0))
        if time.monotonic() < expires_at:
            return token
        response = await self._client.post(
            f"{keycloak.ISSUER}/protocol/openid-connect/token",
            data={
                "grant_type": "password",
                "client_id": CLI_CLIENT,
                "username": username,
                "password": DEMO_PASSWORD,
                "scope": "openid",
            },
        )
        response.raise_for_status()
        grant = response.json()
        lifetime = float(grant["expires_in"]) - 30
        self._tokens[username] = (grant["access_token"], time.monotonic() + lifetime)
        return str(grant["access_token"])

    async def call(
        self,
        username: str,
        method: str,
        service: str,
        path: str,
        **kwargs: Any,
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {await self.token(username)}"}
        headers.update(kwargs.pop("headers", {}))
        return await self._client.request(
            method, f"{service_url(service)}{path}", headers=headers, **kwargs
        )

    async def ok(
        self, username: str, method: str, service: str, path: str, **kwargs: Any
    ) -> Any:
        """Call and return the JSON body; any non-2xx status raises."""
        response = await self.call(username, method, service, path, **kwargs)
        if response.status_code >= 300:
            raise httpx.HTTPStatusError(
                f"{method} {service}{path} as {username}: "
                f"{response.status_code} {response.text}",
                request=response.request,
                response=response,
            )
        return response.json() if response.content else None


async def eventually(
    probe: Callable[[], Awaitable[Any]], within: float = 60.0, every: float = 0.5
) -> Any:
    """Poll `probe` until it returns something truthy, for `within` seconds."""
    deadline = time.monotonic() + within
    while True:
        result = await probe()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting after {within:.0f}s")
        await asyncio.sleep(every)
