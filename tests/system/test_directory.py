"""The identity service reads the real realm through its service account."""

import pytest

from facturo_devstack.api import FacturoApi

pytestmark = [pytest.mark.system, pytest.mark.timeout(120)]


async def test_departments_come_from_the_realm(api: FacturoApi) -> None:
    departments = await api.ok("claire", "GET", "identity", "/departments")

    assert departments == [
        {"code": "SAL", "name": "Sales"},
        {"code": "SRV", "name": "Services"},
        {"code": "TRN", "name": "Training"},
    ]


async def test_approvers_of_a_department(api: FacturoApi) -> None:
    people = await api.ok(
        "ada",
        "GET",
        "identity",
        "/users",
        params={"department": "SAL", "role": "approver"},
    )

    assert [p["username"] for p in people] == ["marc"]
    assert people[0]["departments"] == ["SAL"]
    assert people[0]["email"] == "marc@demo.facturo.test"


async def test_me_is_read_from_the_token(api: FacturoApi) -> None:
    me = await api.ok("tom", "GET", "identity", "/me")

    assert (me["username"], me["departments"], me["roles"]) == (
        "tom",
        ["SRV"],
        ["clerk"],
    )


async def test_people_cannot_read_the_directory(api: FacturoApi) -> None:
    response = await api.call("claire", "GET", "identity", "/users")

    assert response.status_code == 403
