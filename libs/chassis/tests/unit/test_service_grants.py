"""Service accounts may do only what their `svc:<action>` roles grant."""

import pytest

from facturo_chassis.auth.policy import RULES, Action, authorize, may
from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.problems import Forbidden
from facturo_chassis.testing import DEMO_PRINCIPALS as P
from facturo_chassis.testing import SERVICE_ACCOUNTS, service_account


def claims(roles: list[str]) -> dict[str, object]:
    return {
        "sub": "sub-service-account-facturo-invoicing",
        "preferred_username": "service-account-facturo-invoicing",
        "azp": "facturo-invoicing",
        "roles": roles,
    }


def test_grants_are_read_from_the_svc_roles() -> None:
    principal = Principal.from_claims(
        claims(["service", "svc:directory.read", "offline_access", "svc:"])
    )

    assert principal.roles == frozenset({Role.SERVICE})
    assert principal.grants == frozenset({"directory.read"})
    assert principal.client_id == "facturo-invoicing"


def test_a_grant_naming_no_action_allows_nothing() -> None:
    principal = Principal.from_claims(claims(["service", "svc:everything"]))

    assert not [action for action in Action if may(principal, action)]


def test_a_service_needs_the_grant_as_well_as_the_role() -> None:
    bare = service_account("audit", [])
    reader = service_account("audit", ["customer.read"])

    assert Role.SERVICE in RULES[Action.CUSTOMER_READ]
    assert not may(bare, Action.CUSTOMER_READ)
    assert may(reader, Action.CUSTOMER_READ)
    assert not may(reader, Action.INVOICE_READ)


def test_a_grant_cannot_open_what_the_rules_close_to_services() -> None:
    granted = service_account("audit", ["audit.read", "invoice.write"])

    assert not may(granted, Action.AUDIT_READ)
    assert not may(granted, Action.INVOICE_WRITE)


def test_a_refused_service_is_forbidden_not_hidden() -> None:
    with pytest.raises(Forbidden):
        authorize(SERVICE_ACCOUNTS["approvals"], Action.INVOICE_READ, "SAL")


def test_people_need_no_grants() -> None:
    assert P["claire"].grants == frozenset()
    assert may(P["claire"], Action.INVOICE_READ)


@pytest.mark.parametrize(
    ("service", "allowed"),
    [
        ("notifications", {"customer.read", "directory.read", "directory.contact"}),
        ("invoicing", {"directory.read"}),
        ("identity", {"privacy.collect"}),
        ("approvals", set()),
        ("audit", set()),
    ],
)
def test_each_service_account_may_exactly_what_its_work_needs(
    service: str, allowed: set[str]
) -> None:
    account = SERVICE_ACCOUNTS[service]

    assert {a.value for a in Action if may(account, a)} == allowed
