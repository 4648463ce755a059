"""A directory that remembers the department list for a while."""

import asyncio
import time
from collections.abc import Callable

from facturo_identity.adapters.directory import ManagedDirectory
from facturo_identity.domain.directory import Department, DirectoryUser


class CachingDirectory:
    """Departments change rarely and every page shows them: keep them `ttl` s.

    People, memberships and roles are read through on every call, so a change
    made in Keycloak shows at once. Changes go straight through; creating a
    department or assigning it a legal entity forgets the list.
    """

    def __init__(
        self,
        directory: ManagedDirectory,
        ttl_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._directory = directory
        self._ttl = ttl_seconds
        self._clock = clock
        self._departments: list[Department] = []
        self._expires_at = float("-inf")
        self._lock = asyncio.Lock()

    async def departments(self) -> list[Department]:
        async with self._lock:
            if self._clock() >= self._expires_at:
                self._departments = await self._directory.departments()
                self._expires_at = self._clock() + self._ttl
            return list(self._departments)

    async def user(self, user_id: str) -> DirectoryUser | None:
        return await self._directory.user(user_id)

    async def everyone(self) -> list[str]:
        return await self._directory.everyone()

    async def members(self, department: str) -> list[str]:
        return await self._directory.members(department)

    async def holders(self, role: str) -> list[str]:
        return await self._directory.holders(role)

    async def user_ids_by_email(self, email: str) -> list[str]:
        return await self._directory.user_ids_by_email(email)

    async def create_department(self, department: Department) -> None:
        try:
            await self._directory.create_department(department)
        finally:
            self._expires_at = float("-inf")

    async def assign_legal_entity(self, department: str, legal_entity_id: str) -> None:
        try:
            await self._directory.assign_legal_entity(department, legal_entity_id)
        finally:
            self._expires_at = float("-inf")

    async def add_member(self, user_id: str, department: str) -> None:
        await self._directory.add_member(user_id, department)

    async def remove_member(self, user_id: str, department: str) -> None:
        await self._directory.remove_member(user_id, department)

    async def grant_role(self, user_id: str, role: str) -> None:
        await self._directory.grant_role(user_id, role)

    async def revoke_role(self, user_id: str, role: str) -> None:
        await self._directory.revoke_role(user_id, role)

    async def disable(self, user_id: str) -> None:
        await self._directory.disable(user_id)

    async def pseudonymise(self, user_id: str, pseudonym: str) -> None:
        await self._directory.pseudonymise(user_id, pseudonym)
