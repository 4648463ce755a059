"""Directory model and principals to HTTP schemas."""

from facturo_chassis.auth.principal import Principal
from facturo_identity.domain.directory import Department, DirectoryUser
from facturo_identity.entrypoints.schemas import DepartmentRead, MeRead, UserRead


def me_read(principal: Principal) -> MeRead:
    return MeRead(
        id=principal.subject,
        username=principal.username,
        name=principal.name,
        email=principal.email,
        departments=sorted(principal.departments),
        roles=sorted(role.value for role in principal.roles),
    )


def department_read(department: Department) -> DepartmentRead:
    return DepartmentRead(code=department.code, name=department.name)


def user_read(user: DirectoryUser) -> UserRead:
    return UserRead(
        id=user.id,
        username=user.username,
        name=user.name,
        email=user.email,
        departments=list(user.departments),
        roles=list(user.roles),
        enabled=user.enabled,
    )
