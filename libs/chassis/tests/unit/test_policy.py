"""The one authorization policy, over every action, role and department."""

import pytest

from facturo_chassis.auth.policy import (
    RULES,
    Action,
    authorize,
    may,
    scope_filter,
    sees_any_department,
    visible_departments,
)
from facturo_chassis.problems import Forbidden, NotFound
from facturo_chassis.testing import DEMO_PRINCIPALS as P


def test_every_action_has_a_rule() -> None:
    assert set(RULES) == set(Action)


def test_clerks_see_only_their_departments() -> None:
    assert visible_departments(P["claire"]) == frozenset({"SAL"})
    assert visible_departments(P["fanny"]) is None
    assert visible_departments(P["alex"]) is None


def test_list_filters_are_narrowed_to_what_the_caller_sees() -> None:
    assert scope_filter(P["claire"], ["SAL", "SRV"]) == frozenset({"SAL"})
    assert scope_filter(P["claire"], None) == frozenset({"SAL"})
    assert scope_filter(P["tom"], ["SAL"]) == frozenset()
    assert scope_filter(P["fanny"], ["SRV"]) == frozenset({"SRV"})
    assert scope_filter(P["fanny"], None) is None


def test_another_department_looks_like_absence() -> None:
    with pytest.raises(NotFound):
        authorize(P["tom"], Action.INVOICE_READ, "SAL")


def test_a_missing_role_is_forbidden() -> None:
    with pytest.raises(Forbidden):
        authorize(P["claire"], Action.APPROVAL_DECIDE, "SAL")


@pytest.mark.parametrize("user", ["fanny", "ada", "claire", "marc", "svc"])
def test_only_auditors_read_the_audit_log(user: str) -> None:
    with pytest.raises(Forbidden):
        authorize(P[user], Action.AUDIT_READ, "SAL")


def test_auditors_change_nothing() -> None:
    # An export reads what the list shows, in a file.
    reads = {Action.INVOICE_EXPORT}
    writes = [a for a in Action if not a.value.endswith(".read") and a not in reads]
    for action in writes:
        with pytest.raises(Forbidden):
            authorize(P["alex"], action, "SAL")


def test_admins_cannot_decide_approvals() -> None:
    with pytest.raises(Forbidden):
        authorize(P["ada"], Action.APPROVAL_DECIDE, "SAL")


def test_people_look_up_colleagues_sharing_a_department() -> None:
    assert all(may(P[u], Action.DIRECTORY_READ) for u in ("claire", "alex", "ada"))
    assert sees_any_department(P["claire"], ["SRV", "SAL"])
    assert not sees_any_department(P["claire"], ["SRV"])
    assert not sees_any_department(P["claire"], [])
    assert sees_any_department(P["fanny"], [])


def test_only_admins_and_granted_services_read_e_mail_addresses() -> None:
    readers = {u for u, p in P.items() if may(p, Action.DIRECTORY_CONTACT)}

    assert readers == {"ada", "svc"}
