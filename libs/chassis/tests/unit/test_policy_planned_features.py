"""Rules decided before their features: live updates, webhooks and reports."""

import pytest

from facturo_chassis.auth.policy import Action, authorize, may, scope_filter
from facturo_chassis.problems import Forbidden, NotFound
from facturo_chassis.testing import DEMO_PRINCIPALS as P
from facturo_chassis.testing import service_account

PEOPLE = ["claire", "marc", "tom", "sophie", "fanny", "alex", "ada"]
ALL_DEPARTMENTS = ["fanny", "alex", "ada"]


def allowed(action: Action) -> set[str]:
    """The demo principals (service accounts included) the roles let do it."""
    return {user for user, principal in P.items() if may(principal, action)}


def test_live_updates_are_for_people_only() -> None:
    assert allowed(Action.LIVE_UPDATES_READ) == set(PEOPLE)


@pytest.mark.parametrize("user", ["claire", "marc"])
def test_live_updates_of_members_stay_in_their_departments(user: str) -> None:
    authorize(P[user], Action.LIVE_UPDATES_READ, "SAL")

    with pytest.raises(NotFound):
        authorize(P[user], Action.LIVE_UPDATES_READ, "SRV")
    assert scope_filter(P[user], None) == frozenset({"SAL"})


@pytest.mark.parametrize("user", ALL_DEPARTMENTS)
def test_live_updates_of_finance_auditors_and_admins_cover_all(user: str) -> None:
    for department in ("SAL", "SRV"):
        authorize(P[user], Action.LIVE_UPDATES_READ, department)


@pytest.mark.parametrize("action", [Action.WEBHOOK_READ, Action.WEBHOOK_WRITE])
def test_webhooks_are_for_admins_among_people(action: Action) -> None:
    assert allowed(action) == {"ada"}
    authorize(P["ada"], action, "SRV")
    for user in set(PEOPLE) - {"ada"}:
        with pytest.raises(Forbidden):
            authorize(P[user], action, "SAL")


def test_webhooks_are_open_to_a_system_granted_them_only() -> None:
    system = service_account("crm", ["webhook.read"])

    assert may(system, Action.WEBHOOK_READ)
    assert not may(system, Action.WEBHOOK_WRITE)
    assert not may(service_account("crm", []), Action.WEBHOOK_READ)


def test_reports_are_for_approvers_finance_auditors_and_admins() -> None:
    assert allowed(Action.REPORT_READ) == {"marc", "sophie", *ALL_DEPARTMENTS}


def test_approvers_read_the_reports_of_their_departments_only() -> None:
    authorize(P["marc"], Action.REPORT_READ, "SAL")

    with pytest.raises(NotFound):
        authorize(P["marc"], Action.REPORT_READ, "SRV")
    assert scope_filter(P["sophie"], ["SAL", "SRV"]) == frozenset({"SRV"})


@pytest.mark.parametrize("user", ALL_DEPARTMENTS)
def test_finance_auditors_and_admins_read_every_report(user: str) -> None:
    for department in ("SAL", "SRV"):
        authorize(P[user], Action.REPORT_READ, department)


def test_clerks_read_no_report() -> None:
    with pytest.raises(Forbidden):
        authorize(P["claire"], Action.REPORT_READ, "SAL")
