"""The other services' parts of a personal data export, asked over HTTP.

Each service answers `POST /api/v1/privacy/exports` to identity's service
account with what it holds about the person. Any failure of any service is
`PrivacyUnavailable`: an incomplete export is not an export.
"""

import asyncio
import logging
from collections.abc import Mapping
from typing import Any, Protocol

import httpx

from facturo_chassis.privacy import PersonalDataQuery
from facturo_identity.domain.errors import PrivacyUnavailable

logger = logging.getLogger(__name__)

EXPORT_PATH = "/api/v1/privacy/exports"

Sections = dict[str, dict[str, Any]]


class PersonalDataCollectors(Protocol):
    async def collect(self, query: PersonalDataQuery) -> Sections:
        """Each service's part, by service name."""
        ...


class HttpCollectors:
    """One client per service, each with identity's client-credentials token."""

    def __init__(self, clients: Mapping[str, httpx.AsyncClient]) -> None:
        self._clients = dict(clients)

    async def aclose(self) -> None:
        for client in self._clients.values():
            await client.aclose()

    async def collect(self, query: PersonalDataQuery) -> Sections:
        body = query.model_dump(mode="json", exclude_none=True)
        parts = await asyncio.gather(
            *(self._one(name, client, body) for name, client in self._clients.items())
        )
        return dict(parts)

    async def _one(
        self, name: str, client: httpx.AsyncClient, body: dict[str, Any]
    ) -> tuple[str, dict[str, Any]]:
        try:
            response = await client.post(EXPORT_PATH, json=body)
        except httpx.HTTPError as error:
            logger.warning(
                "privacy export from %s failed: %s", name, type(error).__name__
            )
            raise PrivacyUnavailable(f"{name} could not be reached") from None
        if response.is_error:
            logger.warning("privacy export from %s: %d", name, response.status_code)
            raise PrivacyUnavailable(f"{name} answered {response.status_code}")
        try:
            part = response.json()
        except ValueError:
            part = None
        if not isinstance(part, dict):
            raise PrivacyUnavailable(f"{name} answered something else than an object")
        return name, part
