"""Admins change the real realm through the identity API; events reach audit.

Every test leaves the realm as it found it: what it adds, it removes.
"""

from typing import Any

import httpx
import pytest

from facturo_devstack.api import FacturoApi, eventually

pytestmark = [pytest.mark.system, pytest.mark.timeout(180)]

JOINED = "identity.directory.user-joined-department.v1"
LEFT = "identity.directory.user-left-department.v1"
COMPANY = {
    "name": "Autre SAS",
    "siren": "732829320",
    "vat_id": "FR44732829320",
    "address": "1 rue Exemple, 69001 Lyon, France",
    "iban": "FR7630006000011234567890189",
}


@pytest.fixture
async def tom_id(api: FacturoApi) -> str:
    people = await api.ok(
        "ada", "GET", "identity", "/users", params={"department": "SRV"}
    )
    [tom] = [p for p in people if p["username"] == "tom"]
    return str(tom["id"])


async def departments_in_a_new_token(username: str) -> list[str]:
    async with httpx.AsyncClient(timeout=30.0) as client:
        me = await FacturoApi(client).ok(username, "GET", "identity", "/me")
    return list(me["departments"])


async def audited(api: FacturoApi, event_type: str, subject: str) -> list[Any]:
    """The audit entries of one type and subject, oldest first."""
    page = await api.ok(
        "alex",
        "GET",
        "audit",
        "/audit/entries",
        params={"event_type": event_type, "subject": subject, "limit": 500},
    )
    return sorted(page["items"], key=lambda entry: entry["seq"])


async def next_entry(
    api: FacturoApi, event_type: str, subject: str, seen: int
) -> dict[str, Any]:
    """The entry after the `seen` first ones, once audit has recorded it."""
    entries = await eventually(lambda: _more(api, event_type, subject, seen), within=60)
    return dict(entries[seen])


async def _more(
    api: FacturoApi, event_type: str, subject: str, seen: int
) -> list[Any] | None:
    entries = await audited(api, event_type, subject)
    return entries if len(entries) > seen else None


async def test_an_admin_adds_tom_to_training_and_removes_him(
    api: FacturoApi, tom_id: str
) -> None:
    path = f"/users/{tom_id}/departments/TRN"
    joined_before = len(await audited(api, JOINED, tom_id))
    left_before = len(await audited(api, LEFT, tom_id))
    assert await departments_in_a_new_token("tom") == ["SRV"]
    try:
        await api.ok("ada", "PUT", "identity", path)

        assert await departments_in_a_new_token("tom") == ["SRV", "TRN"]
        joined = await next_entry(api, JOINED, tom_id, joined_before)
        assert joined["payload"] == {"user_id": tom_id, "department": "TRN"}
        assert joined["actor"] is not None
    finally:
        await api.ok("ada", "DELETE", "identity", path)

    assert await departments_in_a_new_token("tom") == ["SRV"]
    left = await next_entry(api, LEFT, tom_id, left_before)
    assert left["payload"] == {"user_id": tom_id, "department": "TRN"}


async def test_a_clerk_is_refused_every_admin_route(
    api: FacturoApi, tom_id: str
) -> None:
    calls = [
        ("POST", "/departments", {"code": "XX", "name": "X", "legal_entity_id": "x"}),
        ("PUT", f"/users/{tom_id}/departments/TRN", None),
        ("DELETE", f"/users/{tom_id}/departments/SRV", None),
        ("PUT", f"/users/{tom_id}/roles/approver", None),
        ("DELETE", f"/users/{tom_id}/roles/clerk", None),
        ("POST", f"/users/{tom_id}/disable", None),
        ("POST", "/legal-entities", COMPANY),
    ]

    statuses = [
        (await api.call("claire", method, "identity", path, json=body)).status_code
        for method, path, body in calls
    ]

    assert statuses == [403] * len(calls)
    assert await departments_in_a_new_token("tom") == ["SRV"]


async def test_the_demo_company_is_a_legal_entity(api: FacturoApi) -> None:
    seen_by_tom = await api.ok("tom", "GET", "identity", "/legal-entities")
    seen_by_ada = await api.ok("ada", "GET", "identity", "/legal-entities")

    assert [(e["name"], e["siren"], e["vat_id"]) for e in seen_by_tom] == [
        ("Facturo Démo SAS", "812345676", "FR19812345676")
    ]
    assert seen_by_tom[0]["iban"].startswith("FR76•")
    assert "•" not in seen_by_ada[0]["iban"]
