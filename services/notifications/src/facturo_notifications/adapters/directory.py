"""The identity service's user directory, read over HTTP with a service token."""

import logging
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from facturo_notifications.domain.people import Person

logger = logging.getLogger(__name__)


class Directory(Protocol):
    async def person(self, subject_id: str) -> Person | None:
        """The user with this subject id, or None if the directory has none."""
        ...

    async def approvers(self, department: str) -> list[Person]:
        """Every user holding the approver role in `department`."""
        ...


class HttpDirectory:
    """`GET /api/v1/users/{id}` and `GET /api/v1/users?department=&role=`.

    A missing user is None; any other failure raises, so the consumer retries.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def person(self, subject_id: str) -> Person | None:
        response = await self._client.get(f"/api/v1/users/{quote(subject_id, safe='')}")
        if response.status_code == httpx.codes.NOT_FOUND:
            logger.warning("user %s is not in the directory", subject_id)
            return None
        response.raise_for_status()
        return person_from_json(response.json())

    async def approvers(self, department: str) -> list[Person]:
        response = await self._client.get(
            "/api/v1/users", params={"department": department, "role": "approver"}
        )
        response.raise_for_status()
        body = response.json()
        items = body["items"] if isinstance(body, dict) else body
        return [person_from_json(item) for item in items]


def person_from_json(data: dict[str, Any]) -> Person:
    return Person(
        id=str(data["id"]),
        username=str(data["username"]),
        name=data.get("name"),
        email=data.get("email"),
        departments=frozenset(data.get("departments") or ()),
        roles=frozenset(data.get("roles") or ()),
        enabled=bool(data.get("enabled", True)),
    )
