"""Directory model and principals to HTTP schemas."""

from facturo_chassis.auth.principal import Principal
from facturo_identity.domain.directory import Department, Shown
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


def user_read(shown: Shown) -> UserRead:
    """Hidden fields are never set, so the response leaves them out."""
    user = shown.user
    fields = {
        "id": user.id,
        "username": user.username,
        "name": user.name,
        "email": user.email,
        "departments": list(user.departments),
        "roles": list(user.roles),
        "enabled": user.enabled,
    }
    return UserRead.model_validate(
        {k: v for k, v in fields.items() if k not in shown.hidden}
    )
