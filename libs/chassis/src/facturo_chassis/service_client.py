"""Calls to other services with a client-credentials token."""

import time
from collections.abc import AsyncGenerator

import httpx

from facturo_chassis.settings import ServiceSettings

EXPIRY_MARGIN_SECONDS = 30


class ClientCredentialsAuth(httpx.Auth):
    """Adds this service's own access token, fetched and renewed as needed."""

    def __init__(self, token_url: str, client_id: str, client_secret: str) -> None:
        self._token_url = token_url
        self._form = {
            "grant_type": "client_credentials",
            "client_id": client_id,
            "client_secret": client_secret,
        }
        self._token = ""
        self._expires_at = 0.0

    async def async_auth_flow(
        self, request: httpx.Request
    ) -> AsyncGenerator[httpx.Request, httpx.Response]:
        if time.monotonic() >= self._expires_at:
            await self._renew()
        request.headers["Authorization"] = f"Bearer {self._token}"
        yield request

    async def _renew(self) -> None:
        async with httpx.AsyncClient(timeout=10.0) as client:
            response = await client.post(self._token_url, data=self._form)
        response.raise_for_status()
        grant = response.json()
        self._token = grant["access_token"]
        lifetime = float(grant.get("expires_in", 60))
        self._expires_at = time.monotonic() + lifetime - EXPIRY_MARGIN_SECONDS


def service_client(settings: ServiceSettings, base_url: str) -> httpx.AsyncClient:
    auth = ClientCredentialsAuth(
        settings.token_url,
        settings.service_client_id,
        settings.service_client_secret.get_secret_value(),
    )
    return httpx.AsyncClient(base_url=base_url, auth=auth, timeout=10.0)
