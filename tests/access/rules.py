"""THE expectation table: every route of every service, who may call it.

Written from the design (who uses what), not from the chassis policy, so
the matrix checks the policy instead of repeating it. A route an app serves
that is missing here fails the matrix: a new route needs its rule first.

Scopes:
- NONE: no department dimension (the data is nobody's department, or only
  roles that work in every department may call it).
- DEPARTMENT: the object (or the department in the body) belongs to a
  department (a person: to each of theirs); a caller who cannot see it gets
  404, exactly as for a missing object; a list shows only the caller's
  departments.
- RECIPIENT: the object belongs to one person; anyone else gets 404.
"""

from dataclasses import dataclass
from enum import StrEnum

from .harness import Route


class Scope(StrEnum):
    NONE = "none"
    DEPARTMENT = "department"
    RECIPIENT = "recipient"


@dataclass(frozen=True)
class Rule:
    roles: frozenset[str]
    scope: Scope


def rule(roles: str, scope: Scope = Scope.DEPARTMENT) -> Rule:
    return Rule(frozenset(roles.split()), scope)


# Roles that work in every department (the design's "see all").
WORKS_EVERYWHERE = frozenset({"finance", "auditor", "admin", "service"})

# Service accounts, by the client each signs in as. Each holds only the
# grants its work needs, so a route open to services names the accounts
# that call it; `service` alone would mean every account.
NOTIFICATIONS = "facturo-notifications"
INVOICING = "facturo-invoicing"
IDENTITY = "facturo-identity"

PEOPLE = "clerk approver finance auditor admin"
# Every person, and no service account (see above).
EVERYONE = PEOPLE
DECIDERS = "approver finance"

ACCESS: dict[str, dict[Route, Rule]] = {
    "identity": {
        ("GET", "/api/v1/me"): rule(EVERYONE, Scope.NONE),
        ("GET", "/api/v1/departments"): rule(EVERYONE, Scope.NONE),
        ("GET", "/api/v1/users"): rule(f"{PEOPLE} {NOTIFICATIONS} {INVOICING}"),
        ("GET", "/api/v1/users/{user_id}"): rule(
            f"{PEOPLE} {NOTIFICATIONS} {INVOICING}"
        ),
        ("POST", "/api/v1/delegations"): rule("approver"),
        ("GET", "/api/v1/delegations"): rule("clerk approver auditor admin"),
        ("DELETE", "/api/v1/delegations/{delegation_id}"): rule("approver admin"),
        ("POST", "/api/v1/departments"): rule("admin", Scope.NONE),
        ("PUT", "/api/v1/users/{user_id}/departments/{code}"): rule(
            "admin", Scope.NONE
        ),
        ("DELETE", "/api/v1/users/{user_id}/departments/{code}"): rule(
            "admin", Scope.NONE
        ),
        ("PUT", "/api/v1/users/{user_id}/roles/{role}"): rule("admin", Scope.NONE),
        ("DELETE", "/api/v1/users/{user_id}/roles/{role}"): rule("admin", Scope.NONE),
        ("POST", "/api/v1/users/{user_id}/disable"): rule("admin", Scope.NONE),
        ("POST", "/api/v1/legal-entities"): rule("admin", Scope.NONE),
        ("GET", "/api/v1/legal-entities"): rule(EVERYONE, Scope.NONE),
        ("GET", "/api/v1/legal-entities/{legal_entity_id}"): rule(EVERYONE, Scope.NONE),
        ("POST", "/api/v1/privacy/exports"): rule("admin", Scope.NONE),
        ("POST", "/api/v1/privacy/erasures"): rule("admin", Scope.NONE),
        ("GET", "/api/v1/privacy/erasures/{erasure_id}"): rule("admin", Scope.NONE),
    },
    "invoicing": {
        ("POST", "/api/v1/customers"): rule("clerk finance"),
        ("GET", "/api/v1/customers"): rule(f"{PEOPLE} {NOTIFICATIONS}"),
        ("GET", "/api/v1/customers/{customer_id}"): rule(f"{PEOPLE} {NOTIFICATIONS}"),
        ("PATCH", "/api/v1/customers/{customer_id}"): rule("clerk finance"),
        ("POST", "/api/v1/invoices"): rule("clerk finance"),
        ("GET", "/api/v1/invoices"): rule(EVERYONE),
        ("GET", "/api/v1/invoices/export"): rule(PEOPLE),
        ("GET", "/api/v1/invoices/{invoice_id}"): rule(EVERYONE),
        ("PATCH", "/api/v1/invoices/{invoice_id}"): rule("clerk finance"),
        ("POST", "/api/v1/invoices/{invoice_id}/submit"): rule("clerk finance"),
        ("GET", "/api/v1/invoices/{invoice_id}/pdf"): rule(EVERYONE),
        ("POST", "/api/v1/invoices/{invoice_id}/send"): rule("finance"),
        ("POST", "/api/v1/invoices/{invoice_id}/payments"): rule("finance"),
        ("GET", "/api/v1/invoices/{invoice_id}/payments"): rule(EVERYONE),
        ("POST", "/api/v1/invoices/{invoice_id}/payments/{payment_id}/reverse"): rule(
            "finance"
        ),
        ("POST", "/api/v1/invoices/{invoice_id}/refunds"): rule("finance"),
        ("GET", "/api/v1/invoices/{invoice_id}/refunds"): rule(EVERYONE),
        ("POST", "/api/v1/invoices/{invoice_id}/refunds/{refund_id}/reverse"): rule(
            "finance"
        ),
        ("POST", "/api/v1/invoices/{invoice_id}/credit-notes"): rule("clerk finance"),
        ("GET", "/api/v1/invoices/{invoice_id}/credit-notes"): rule(EVERYONE),
        ("POST", "/api/v1/invoices/{invoice_id}/comments"): rule(
            "clerk approver finance admin"
        ),
        ("GET", "/api/v1/invoices/{invoice_id}/comments"): rule(EVERYONE),
        ("GET", "/api/v1/credit-notes/{credit_note_id}"): rule(EVERYONE),
        ("POST", "/api/v1/credit-notes/{credit_note_id}/submit"): rule("clerk finance"),
        ("GET", "/api/v1/credit-notes/{credit_note_id}/pdf"): rule(EVERYONE),
        ("POST", "/api/v1/privacy/exports"): rule(IDENTITY, Scope.NONE),
        ("POST", "/api/v1/recurring-schedules"): rule("clerk finance"),
        ("GET", "/api/v1/recurring-schedules"): rule(EVERYONE),
        ("GET", "/api/v1/recurring-schedules/{schedule_id}"): rule(EVERYONE),
        ("PATCH", "/api/v1/recurring-schedules/{schedule_id}"): rule("clerk finance"),
        ("POST", "/api/v1/recurring-schedules/{schedule_id}/pause"): rule(
            "clerk finance"
        ),
        ("POST", "/api/v1/recurring-schedules/{schedule_id}/resume"): rule(
            "clerk finance"
        ),
        ("POST", "/api/v1/recurring-schedules/{schedule_id}/end"): rule(
            "clerk finance"
        ),
    },
    "approvals": {
        ("GET", "/api/v1/approvals"): rule(f"{DECIDERS} auditor"),
        ("GET", "/api/v1/approvals/{request_id}"): rule(f"{DECIDERS} auditor"),
        ("POST", "/api/v1/approvals/{request_id}/approve"): rule(DECIDERS),
        ("POST", "/api/v1/approvals/{request_id}/reject"): rule(DECIDERS),
        ("POST", "/api/v1/privacy/exports"): rule(IDENTITY, Scope.NONE),
    },
    "audit": {
        ("GET", "/api/v1/audit/entries"): rule("auditor", Scope.NONE),
        ("GET", "/api/v1/audit/entries/{seq}"): rule("auditor", Scope.NONE),
        ("GET", "/api/v1/audit/verify"): rule("auditor", Scope.NONE),
        ("POST", "/api/v1/privacy/exports"): rule(IDENTITY, Scope.NONE),
    },
    "notifications": {
        ("GET", "/api/v1/notifications"): rule(PEOPLE, Scope.RECIPIENT),
        ("POST", "/api/v1/notifications/{notification_id}/read"): rule(
            PEOPLE, Scope.RECIPIENT
        ),
        ("POST", "/api/v1/privacy/exports"): rule(IDENTITY, Scope.NONE),
    },
}
