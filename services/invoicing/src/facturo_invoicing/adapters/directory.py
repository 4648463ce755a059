"""The identity service's user directory, read over HTTP with a service token."""

import logging
from typing import Any, Protocol
from urllib.parse import quote

import httpx

from facturo_invoicing.domain.comments import Colleague

logger = logging.getLogger(__name__)

NO_SUCH_PERSON = {httpx.codes.NOT_FOUND, httpx.codes.UNPROCESSABLE_ENTITY}


class DirectoryUnavailable(Exception):
    """The directory could not answer; nothing that needed it was done."""


class Directory(Protocol):
    async def colleague(self, user_id: str) -> Colleague | None:
        """The person with this subject id, or None if there is no such person.

        Raises `DirectoryUnavailable` when the directory cannot tell.
        """
        ...


class HttpDirectory:
    """`GET /api/v1/users/{id}` of the identity service.

    Identity answers 404 for an unknown id and for a service account, which
    is not a person, and 422 for an id that cannot be one: all are None here.
    Any other failure is `DirectoryUnavailable`.
    """

    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def colleague(self, user_id: str) -> Colleague | None:
        try:
            response = await self._client.get(
                f"/api/v1/users/{quote(user_id, safe='')}"
            )
            if response.status_code in NO_SUCH_PERSON:
                return None
            response.raise_for_status()
            return colleague_from_json(response.json())
        except (httpx.HTTPError, ValueError, KeyError) as error:
            logger.warning("directory lookup failed: %s", type(error).__name__)
            raise DirectoryUnavailable("the user directory cannot be reached") from None

    async def aclose(self) -> None:
        await self._client.aclose()


def colleague_from_json(data: dict[str, Any]) -> Colleague:
    return Colleague(
        id=str(data["id"]),
        departments=frozenset(data.get("departments") or ()),
        roles=frozenset(data.get("roles") or ()),
        enabled=bool(data["enabled"]),
    )
