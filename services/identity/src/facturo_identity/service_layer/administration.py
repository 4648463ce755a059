"""Directory administration: departments, memberships, roles and accounts.

Admins only. Each handler checks the change against the directory, writes its
event to the outbox, then asks Keycloak to make it; a refusal from Keycloak
rolls the event back with the unit of work. A change that is already true
(a member added twice, say) is a no-op without an event.

A change that takes authority away also revokes, in the same transaction,
the delegations it invalidates (one `DelegationRevoked` each): leaving a
department ends those the person gave or received for it; losing the
approver role ends those they gave (a delegate needs no approver role);
a disabled account ends all they gave or received.
"""

import logging

from facturo_chassis.auth.policy import Action, require
from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import identity as events
from facturo_identity.adapters import repository
from facturo_identity.adapters.directory import ManagedDirectory
from facturo_identity.domain.directory import (
    BUSINESS_ROLES,
    Department,
    DirectoryUser,
    is_service_account,
)
from facturo_identity.domain.errors import (
    DepartmentExists,
    FieldProblem,
    InvalidDepartment,
    NotABusinessRole,
    SelfLockout,
    UnknownDepartment,
    UnknownUser,
)
from facturo_identity.service_layer.commands import (
    ChangeMembership,
    ChangeRole,
    CreateDepartment,
)
from facturo_identity.service_layer.delegations import revoke_delegations_of

logger = logging.getLogger(__name__)


async def create_department(
    cmd: CreateDepartment,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> Department:
    """A new `/departments/<CODE>` group, under an existing legal entity."""
    require(principal, Action.DIRECTORY_ADMIN)
    codes = {d.code for d in await directory.departments()}
    problems = []
    if await repository.get_legal_entity(uow.session, cmd.legal_entity_id) is None:
        problems.append(FieldProblem("legal_entity_id", "no such legal entity"))
    if cmd.parent is not None and cmd.parent not in codes:
        problems.append(FieldProblem("parent", "no such department"))
    if problems:
        raise InvalidDepartment(problems)
    if cmd.code in codes:
        raise DepartmentExists(cmd.code)
    department = Department(cmd.code, cmd.name, cmd.legal_entity_id, cmd.parent)
    await uow.publish(
        events.DepartmentCreated(
            department=cmd.code, legal_entity_id=cmd.legal_entity_id, parent=cmd.parent
        )
    )
    await directory.create_department(department)
    logger.info("department %s created by %s", cmd.code, principal.subject)
    return department


async def add_member(
    cmd: ChangeMembership,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> None:
    require(principal, Action.DIRECTORY_ADMIN)
    user = await _person(cmd.user_id, directory)
    await _department(cmd.department, directory)
    if cmd.department in user.departments:
        return
    await uow.publish(
        events.UserJoinedDepartment(user_id=user.id, department=cmd.department)
    )
    await directory.add_member(user.id, cmd.department)
    logger.info("%s joined %s (by %s)", user.id, cmd.department, principal.subject)


async def remove_member(
    cmd: ChangeMembership,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> None:
    require(principal, Action.DIRECTORY_ADMIN)
    user = await _person(cmd.user_id, directory)
    await _department(cmd.department, directory)
    if cmd.department not in user.departments:
        return
    await uow.publish(
        events.UserLeftDepartment(user_id=user.id, department=cmd.department)
    )
    await revoke_delegations_of(user.id, uow, principal, department=cmd.department)
    await directory.remove_member(user.id, cmd.department)
    logger.info("%s left %s (by %s)", user.id, cmd.department, principal.subject)


async def grant_role(
    cmd: ChangeRole,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> None:
    require(principal, Action.DIRECTORY_ADMIN)
    _business_role(cmd.role)
    user = await _person(cmd.user_id, directory)
    if cmd.role in user.roles:
        return
    await uow.publish(events.RoleGranted(user_id=user.id, role=cmd.role))
    await directory.grant_role(user.id, cmd.role)
    logger.info("%s granted %s (by %s)", user.id, cmd.role, principal.subject)


async def revoke_role(
    cmd: ChangeRole,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> None:
    require(principal, Action.DIRECTORY_ADMIN)
    _business_role(cmd.role)
    if cmd.user_id == principal.subject and cmd.role == Role.ADMIN.value:
        raise SelfLockout("an admin cannot revoke their own admin role")
    user = await _person(cmd.user_id, directory)
    if cmd.role not in user.roles:
        return
    await uow.publish(events.RoleRevoked(user_id=user.id, role=cmd.role))
    if cmd.role == Role.APPROVER.value:
        await revoke_delegations_of(user.id, uow, principal, given_only=True)
    await directory.revoke_role(user.id, cmd.role)
    logger.info("%s lost %s (by %s)", user.id, cmd.role, principal.subject)


async def disable_user(
    user_id: str,
    uow: UnitOfWork,
    directory: ManagedDirectory,
    principal: Principal,
) -> None:
    """The account can no longer sign in; its sessions end."""
    require(principal, Action.DIRECTORY_ADMIN)
    if user_id == principal.subject:
        raise SelfLockout("an admin cannot disable their own account")
    user = await _person(user_id, directory)
    if not user.enabled:
        return
    await uow.publish(events.UserDisabled(user_id=user.id))
    await revoke_delegations_of(user.id, uow, principal)
    await directory.disable(user.id)
    logger.info("%s disabled by %s", user.id, principal.subject)


async def _person(user_id: str, directory: ManagedDirectory) -> DirectoryUser:
    """A person; service accounts are not managed here and look unknown."""
    user = await directory.user(user_id)
    if user is None or is_service_account(user):
        raise UnknownUser(user_id)
    return user


async def _department(code: str, directory: ManagedDirectory) -> None:
    if code not in {d.code for d in await directory.departments()}:
        raise UnknownDepartment(code)


def _business_role(role: str) -> None:
    if role not in BUSINESS_ROLES:
        raise NotABusinessRole(role)
