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

    async def user_ids_by_email(self, email: str) -> list[str]:
        """The ids of the accounts with this address (case-insensitive)."""
        ...


class DirectoryAdmin(Protocol):
    """The changes an admin makes to the directory; Keycloak keeps them."""

    async def create_department(self, department: Department) -> None:
        """Raises DepartmentExists when the code is taken."""
        ...

    async def assign_legal_entity(
        self, department: str, legal_entity_id: str
    ) -> None: ...

    async def add_member(self, user_id: str, department: str) -> None: ...

    async def remove_member(self, user_id: str, department: str) -> None: ...

    async def grant_role(self, user_id: str, role: str) -> None: ...

    async def revoke_role(self, user_id: str, role: str) -> None: ...

    async def disable(self, user_id: str) -> None: ...

    async def pseudonymise(self, user_id: str, pseudonym: str) -> None:
        """Disable the account and leave nothing on it that names the person."""
        ...


class ManagedDirectory(Directory, DirectoryAdmin, Protocol):
    """A directory that can also be changed."""
