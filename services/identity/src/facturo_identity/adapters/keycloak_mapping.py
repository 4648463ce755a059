"""Keycloak admin API JSON to the directory model: pure functions, no I/O."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from facturo_chassis.auth.principal import Role
from facturo_identity.domain.directory import Department, DirectoryUser

Json = Mapping[str, Any]

DEPARTMENTS_GROUP = "departments"
DEPARTMENT_PATH = f"/{DEPARTMENTS_GROUP}/"
NAME_ATTRIBUTE = "name"
LEGAL_ENTITY_ATTRIBUTE = "legal_entity"
PARENT_ATTRIBUTE = "parent"
FACTURO_ROLES = frozenset(role.value for role in Role)


@dataclass(frozen=True)
class DepartmentGroup:
    """A department and the id of the Keycloak group that holds it."""

    group_id: str
    department: Department


def department_root(groups: Iterable[Json]) -> Json | None:
    """The top-level `departments` group among the realm's groups."""
    return next((g for g in groups if g.get("name") == DEPARTMENTS_GROUP), None)


def inlined_children(root: Json) -> list[Json] | None:
    """The subgroups Keycloak put inside `root`, or None if some are missing.

    Keycloak 23 and later leave `subGroups` empty in group listings and give a
    `subGroupCount` instead; the children are then read from
    `/groups/{id}/children`.
    """
    children = list(root.get("subGroups") or [])
    count = root.get("subGroupCount")
    if count is None:
        return children or None
    return children if len(children) >= int(count) else None


def department_group(group: Json) -> DepartmentGroup:
    """A `/departments/<CODE>` group; its `name` attribute is the display name."""
    code = str(group["name"])
    attributes = group.get("attributes") or {}
    department = Department(
        code=code,
        name=_first(attributes, NAME_ATTRIBUTE) or code,
        legal_entity=_first(attributes, LEGAL_ENTITY_ATTRIBUTE),
        parent=_first(attributes, PARENT_ATTRIBUTE),
    )
    return DepartmentGroup(str(group["id"]), department)


def _first(attributes: Json, name: str) -> str | None:
    values = attributes.get(name) or []
    return str(values[0]) if values else None


def department_attributes(department: Department) -> dict[str, list[str]]:
    """A department's group attributes, as Keycloak stores them."""
    attributes = {NAME_ATTRIBUTE: [department.name]}
    if department.legal_entity is not None:
        attributes[LEGAL_ENTITY_ATTRIBUTE] = [department.legal_entity]
    if department.parent is not None:
        attributes[PARENT_ATTRIBUTE] = [department.parent]
    return attributes


def department_codes(groups: Iterable[Json]) -> tuple[str, ...]:
    """The codes of the department groups among a user's groups, sorted."""
    codes = {
        path.removeprefix(DEPARTMENT_PATH)
        for path in (str(g.get("path", "")) for g in groups)
        if path.startswith(DEPARTMENT_PATH)
    }
    return tuple(sorted(code for code in codes if code and "/" not in code))


def role_names(roles: Iterable[Json]) -> tuple[str, ...]:
    """Facturo's realm roles, sorted; Keycloak's own defaults are left out."""
    names = {str(role.get("name")) for role in roles}
    return tuple(sorted(names & FACTURO_ROLES))


def display_name(user: Json) -> str | None:
    parts = [str(user.get(k) or "").strip() for k in ("firstName", "lastName")]
    return " ".join(p for p in parts if p) or None


def directory_user(
    user: Json, groups: Sequence[Json], roles: Sequence[Json]
) -> DirectoryUser:
    """A user representation with its groups and realm role mappings."""
    return DirectoryUser(
        id=str(user["id"]),
        username=str(user["username"]),
        name=display_name(user),
        email=user.get("email") or None,
        departments=department_codes(groups),
        roles=role_names(roles),
        enabled=bool(user.get("enabled", False)),
        service_account=bool(user.get("serviceAccountClientId")),
    )


def ids_of(users: Iterable[Json]) -> list[str]:
    return [str(user["id"]) for user in users]


def ids_with_email(users: Iterable[Json], email: str) -> list[str]:
    """The users whose address is `email`, compared case-insensitively."""
    wanted = email.strip().lower()
    return [
        str(user["id"])
        for user in users
        if str(user.get("email") or "").strip().lower() == wanted
    ]


def pseudonymised(user: Json, pseudonym: str) -> dict[str, Any]:
    """The user representation with nothing left that names the person.

    The id stays, so that what the person did still links up; the account
    is disabled, the username becomes `pseudonym`, names and address go.
    """
    return {
        **user,
        "username": pseudonym,
        "firstName": "",
        "lastName": "",
        "email": "",
        "emailVerified": False,
        "enabled": False,
    }
