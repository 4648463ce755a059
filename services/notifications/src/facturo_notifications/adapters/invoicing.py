"""The invoicing service's customers, read over HTTP."""

import logging
from typing import Protocol
from urllib.parse import quote

import httpx

from facturo_notifications.domain.people import Contact

logger = logging.getLogger(__name__)


class CustomerBook(Protocol):
    async def contact(self, customer_id: str) -> Contact | None:
        """The customer's invoicing contact, or None if there is no customer."""
        ...


class HttpInvoicing:
    """`GET /api/v1/customers/{id}`.

    A missing object is None; any other failure raises, so the consumer retries.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def contact(self, customer_id: str) -> Contact | None:
        response = await self._client.get(
            f"/api/v1/customers/{quote(customer_id, safe='')}"
        )
        if response.status_code == httpx.codes.NOT_FOUND:
            logger.warning("customer %s not found in invoicing", customer_id)
            return None
        response.raise_for_status()
        data = response.json()
        return Contact(id=str(data["id"]), name=data["name"], email=data.get("email"))
