"""What the service needs from a user directory; Keycloak is the real one."""

from typing import Protocol

from facturo_identity.domain.directory import Department, DirectoryUser


class Directory(Protocol):
    async def departments(self) -> list[Department]:
        """Every department, in no particular order."""
        ...

    async def user(self, user_id: str) -> DirectoryUser | None:
        """One account (person or service account); None when unknown."""
        ...

    async def everyone(self) -> list[str]:
        """The ids of every account."""
        ...

    async def members(self, department: str) -> list[str]:
        """The ids of the accounts in a department; empty when it is unknown."""
        ...

    async def holders(self, role: str) -> list[str]:
        """The ids of the accounts holding a realm role; empty when unknown."""
        ...
