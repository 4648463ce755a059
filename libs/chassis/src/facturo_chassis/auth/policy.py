"""The one authorization policy: who may do what, in which departments.

Every read and write of every service asks this module. Access is denied by
default: an action missing from `RULES` is allowed to nobody. A refusal on a
department the caller cannot see is the same `NotFound` whether the object
exists or not.
"""

from collections.abc import Iterable
from enum import StrEnum

from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.problems import Forbidden, NotFound


class Action(StrEnum):
    CUSTOMER_READ = "customer.read"
    CUSTOMER_WRITE = "customer.write"
    INVOICE_READ = "invoice.read"
    INVOICE_WRITE = "invoice.write"
    INVOICE_SUBMIT = "invoice.submit"
    # Finance marks an issued invoice sent, and records or reverses payments.
    INVOICE_SEND = "invoice.send"
    PAYMENT_WRITE = "payment.write"
    # Credit notes: drafted and submitted by a clerk of the invoice's
    # department or by finance; read by whoever reads the invoice.
    CREDIT_NOTE_WRITE = "credit-note.write"
    APPROVAL_READ = "approval.read"
    APPROVAL_DECIDE = "approval.decide"
    AUDIT_READ = "audit.read"
    NOTIFICATION_READ = "notification.read"
    DIRECTORY_READ = "directory.read"
    DEPARTMENT_READ = "department.read"
    # A member holding a delegation decides an approver step of its department.
    APPROVAL_DECIDE_DELEGATED = "approval.decide-delegated"
    DELEGATION_GRANT = "delegation.grant"
    DELEGATION_READ = "delegation.read"
    DELEGATION_REVOKE = "delegation.revoke"
    # Departments, memberships, roles and accounts, kept in Keycloak.
    DIRECTORY_ADMIN = "directory.admin"
    LEGAL_ENTITY_READ = "legal-entity.read"
    LEGAL_ENTITY_WRITE = "legal-entity.write"


_PEOPLE = {Role.CLERK, Role.APPROVER, Role.FINANCE, Role.AUDITOR, Role.ADMIN}

RULES: dict[Action, frozenset[Role]] = {
    Action.CUSTOMER_READ: frozenset(_PEOPLE | {Role.SERVICE}),
    Action.CUSTOMER_WRITE: frozenset({Role.CLERK, Role.FINANCE}),
    Action.INVOICE_READ: frozenset(_PEOPLE | {Role.SERVICE}),
    Action.INVOICE_WRITE: frozenset({Role.CLERK, Role.FINANCE}),
    Action.INVOICE_SUBMIT: frozenset({Role.CLERK, Role.FINANCE}),
    Action.INVOICE_SEND: frozenset({Role.FINANCE}),
    Action.PAYMENT_WRITE: frozenset({Role.FINANCE}),
    Action.CREDIT_NOTE_WRITE: frozenset({Role.CLERK, Role.FINANCE}),
    Action.APPROVAL_READ: frozenset({Role.APPROVER, Role.FINANCE, Role.AUDITOR}),
    Action.APPROVAL_DECIDE: frozenset({Role.APPROVER, Role.FINANCE}),
    Action.AUDIT_READ: frozenset({Role.AUDITOR}),
    Action.NOTIFICATION_READ: frozenset(_PEOPLE),
    Action.DIRECTORY_READ: frozenset({Role.ADMIN, Role.SERVICE}),
    Action.DEPARTMENT_READ: frozenset(_PEOPLE | {Role.SERVICE}),
    Action.APPROVAL_DECIDE_DELEGATED: frozenset({Role.CLERK, Role.APPROVER}),
    Action.DELEGATION_GRANT: frozenset({Role.APPROVER}),
    Action.DELEGATION_READ: frozenset(
        {Role.CLERK, Role.APPROVER, Role.AUDITOR, Role.ADMIN}
    ),
    Action.DELEGATION_REVOKE: frozenset({Role.APPROVER, Role.ADMIN}),
    Action.DIRECTORY_ADMIN: frozenset({Role.ADMIN}),
    Action.LEGAL_ENTITY_READ: frozenset(_PEOPLE | {Role.SERVICE}),
    Action.LEGAL_ENTITY_WRITE: frozenset({Role.ADMIN}),
}

# Roles that work across every department.
ALL_DEPARTMENTS_ROLES = frozenset(
    {Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.SERVICE}
)


def may(principal: Principal, action: Action) -> bool:
    return bool(principal.roles & RULES.get(action, frozenset()))


def sees_all_departments(principal: Principal) -> bool:
    return bool(principal.roles & ALL_DEPARTMENTS_ROLES)


def sees_department(principal: Principal, department: str) -> bool:
    return sees_all_departments(principal) or department in principal.departments


def visible_departments(principal: Principal) -> frozenset[str] | None:
    """The departments a list may show; None means every department."""
    if sees_all_departments(principal):
        return None
    return principal.departments


def require(principal: Principal, action: Action) -> None:
    """Refuse an action the caller's roles do not allow at all."""
    if not may(principal, action):
        raise Forbidden(f"your roles do not allow {action.value}")


def authorize(principal: Principal, action: Action, department: str) -> None:
    """Refuse an action on an object of `department`, looking like absence."""
    require(principal, action)
    if not sees_department(principal, department):
        raise NotFound("not found")


def scope_filter(
    principal: Principal, requested: Iterable[str] | None
) -> frozenset[str] | None:
    """Narrow a list filter to what the caller may see (None: no filter)."""
    visible = visible_departments(principal)
    wanted = frozenset(requested) if requested else None
    if visible is None:
        return wanted
    return visible if wanted is None else visible & wanted
