"""The one authorization policy: who may do what, in which departments.

Every read and write of every service asks this module. Access is denied by
default: an action missing from `RULES` is allowed to nobody. A refusal on a
department the caller cannot see is the same `NotFound` whether the object
exists or not.

Service accounts (role `service`) act for their service, not for a person:
each holds only the actions its work needs, as `svc:<action>` realm roles
(`Principal.grants`). A service may do an action only if `RULES` lets the
`service` role do it AND its token grants that action; people's roles are
enough on their own.
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
    # CSV/XLSX exports of the invoice list, scoped to departments as the list
    # is: clerk, approver, finance, auditor, admin; not services (they page).
    INVOICE_EXPORT = "invoice.export"
    # Comment on an invoice (any status); auditors and services change nothing.
    INVOICE_COMMENT = "invoice.comment"
    APPROVAL_READ = "approval.read"
    APPROVAL_DECIDE = "approval.decide"
    AUDIT_READ = "audit.read"
    NOTIFICATION_READ = "notification.read"
    # People look up colleagues who share a department with them (finance,
    # auditor, admin: everyone); services look anyone up, with their grant.
    DIRECTORY_READ = "directory.read"
    # The e-mail addresses of the directory: admins, and a service whose work
    # is to mail people (notifications).
    DIRECTORY_CONTACT = "directory.contact"
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
    # Decided before the features exist, so they land with their rules:
    # live updates (SSE streams) of what a person may read, for their
    # departments (finance, auditor, admin: all); services do not listen.
    LIVE_UPDATES_READ = "live-updates.read"
    # Webhook subscriptions and their deliveries: admins, and an integrating
    # system's client granted `svc:webhook.read`/`svc:webhook.write` (no
    # Facturo service holds them). Services see every department, so grant
    # them only to a system trusted with all departments.
    WEBHOOK_READ = "webhook.read"
    WEBHOOK_WRITE = "webhook.write"
    # Reports (ageing, turnover, month-end): finance, auditors and admins for
    # every department, approvers for their own departments.
    REPORT_READ = "report.read"
    # Everything Facturo holds about a person, exported or erased by an admin;
    # each service hands over its own part to identity's service account.
    PRIVACY_EXPORT = "privacy.export"
    PRIVACY_ERASE = "privacy.erase"
    PRIVACY_COLLECT = "privacy.collect"


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
    Action.INVOICE_EXPORT: frozenset(_PEOPLE),
    Action.INVOICE_COMMENT: frozenset(
        {Role.CLERK, Role.APPROVER, Role.FINANCE, Role.ADMIN}
    ),
    Action.APPROVAL_READ: frozenset({Role.APPROVER, Role.FINANCE, Role.AUDITOR}),
    Action.APPROVAL_DECIDE: frozenset({Role.APPROVER, Role.FINANCE}),
    Action.AUDIT_READ: frozenset({Role.AUDITOR}),
    Action.NOTIFICATION_READ: frozenset(_PEOPLE),
    Action.DIRECTORY_READ: frozenset(_PEOPLE | {Role.SERVICE}),
    Action.DIRECTORY_CONTACT: frozenset({Role.ADMIN, Role.SERVICE}),
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
    Action.LIVE_UPDATES_READ: frozenset(_PEOPLE),
    Action.WEBHOOK_READ: frozenset({Role.ADMIN, Role.SERVICE}),
    Action.WEBHOOK_WRITE: frozenset({Role.ADMIN, Role.SERVICE}),
    Action.REPORT_READ: frozenset(
        {Role.APPROVER, Role.FINANCE, Role.AUDITOR, Role.ADMIN}
    ),
    Action.PRIVACY_EXPORT: frozenset({Role.ADMIN}),
    Action.PRIVACY_ERASE: frozenset({Role.ADMIN}),
    Action.PRIVACY_COLLECT: frozenset({Role.SERVICE}),
}

# Roles that work across every department.
ALL_DEPARTMENTS_ROLES = frozenset(
    {Role.FINANCE, Role.AUDITOR, Role.ADMIN, Role.SERVICE}
)


def may(principal: Principal, action: Action) -> bool:
    allowed = RULES.get(action, frozenset())
    if principal.is_service:
        return Role.SERVICE in allowed and action.value in principal.grants
    return bool(principal.roles & allowed)


def sees_all_departments(principal: Principal) -> bool:
    return bool(principal.roles & ALL_DEPARTMENTS_ROLES)


def sees_department(principal: Principal, department: str) -> bool:
    return sees_all_departments(principal) or department in principal.departments


def sees_any_department(principal: Principal, departments: Iterable[str]) -> bool:
    """Whether the caller sees something in one of `departments` (a person
    belongs to several: a colleague shares at least one)."""
    return sees_all_departments(principal) or not principal.departments.isdisjoint(
        departments
    )


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
