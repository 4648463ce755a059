"""Admins export a person's data from every service and have it erased."""

import hashlib
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.privacy import PersonalDataQuery
from facturo_chassis.testing import auth
from facturo_identity.bootstrap import create_app
from facturo_identity.domain.errors import DirectoryUnavailable, PrivacyUnavailable
from facturo_identity.settings import IdentitySettings

EXPORTED = "identity.directory.personal-data-exported.v1"
ERASED = "identity.directory.person-erased.v1"
DISABLED = "identity.directory.user-disabled.v1"
NOT_ADMINS = ["claire", "marc", "tom", "sophie", "fanny", "alex", "svc"]
TOM_EMAIL = "tom@demo.facturo.test"
CONTACT = "Jeanne.Martin@Example.com"
OTHER_SERVICES = ("invoicing", "approvals", "audit", "notifications")


def sha256(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


@dataclass
class FakeCollectors:
    """Every other service's part: what it was asked, and what it answers."""

    down: str | None = None
    asked: list[PersonalDataQuery] = field(default_factory=list)

    async def collect(self, query: PersonalDataQuery) -> dict[str, dict[str, Any]]:
        self.asked.append(query)
        if self.down:
            raise PrivacyUnavailable(f"{self.down} could not be reached")
        return {name: {"held_by": name} for name in OTHER_SERVICES}


@pytest.fixture
def collectors() -> FakeCollectors:
    return FakeCollectors()


@pytest.fixture
def app(
    settings: IdentitySettings, directory: Any, collectors: FakeCollectors
) -> FastAPI:
    return create_app(settings, directory=directory, collectors=collectors)


async def export(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/api/v1/privacy/exports", json=body, headers=auth("ada"))


async def erase(client: httpx.AsyncClient, body: dict[str, Any]) -> httpx.Response:
    return await client.post("/api/v1/privacy/erasures", json=body, headers=auth("ada"))


async def test_an_export_has_a_section_per_service_and_is_audited(
    client: httpx.AsyncClient, collectors: FakeCollectors, published: Any
) -> None:
    marc_delegates = {
        "department": "SAL",
        "delegate_id": "sub-claire",
        "starts_on": "2026-12-01",
        "ends_on": "2026-12-05",
        "reason": "congés",
    }
    await client.post("/api/v1/delegations", json=marc_delegates, headers=auth("marc"))

    response = await export(client, {"user_id": "sub-claire"})

    assert response.status_code == 200, response.text
    document = response.json()
    assert response.headers["content-disposition"] == (
        f'attachment; filename="facturo-personal-data-{document["export_id"]}.json"'
    )
    assert (document["format"], document["version"]) == (
        "facturo.personal-data-export",
        1,
    )
    assert document["person"] == {
        "user_id": "sub-claire",
        "email": "claire@demo.facturo.test",
    }
    assert set(document["sections"]) == {"identity", *OTHER_SERVICES}
    assert document["sections"]["invoicing"] == {"held_by": "invoicing"}
    identity = document["sections"]["identity"]
    assert identity["user"]["username"] == "claire"
    assert [d["delegator_id"] for d in identity["delegations"]] == ["sub-marc"]
    assert collectors.asked == [
        PersonalDataQuery(user_id="sub-claire", email="claire@demo.facturo.test")
    ]
    events = [e for e in await published() if e[0] == EXPORTED]
    assert events == [
        (
            EXPORTED,
            "sub-claire",
            {
                "export_id": document["export_id"],
                "user_id": "sub-claire",
                "email_sha256": sha256("claire@demo.facturo.test"),
            },
        )
    ]


async def test_an_address_of_a_user_names_that_user(
    client: httpx.AsyncClient, collectors: FakeCollectors
) -> None:
    response = await export(client, {"email": " Tom@Demo.Facturo.Test "})

    assert response.status_code == 200, response.text
    assert response.json()["person"]["user_id"] == "sub-tom"
    assert collectors.asked[0].user_id == "sub-tom"


async def test_a_contact_is_exported_by_address_alone(
    client: httpx.AsyncClient, collectors: FakeCollectors, published: Any
) -> None:
    response = await export(client, {"email": CONTACT})

    assert response.status_code == 200, response.text
    assert response.json()["sections"]["identity"]["user"] is None
    assert collectors.asked == [PersonalDataQuery(email=CONTACT)]
    [(kind, subject, body)] = await published()
    assert (kind, subject) == (EXPORTED, sha256(CONTACT))
    assert body["user_id"] is None
    assert "@" not in str(body)


async def test_an_export_missing_a_service_fails_whole(
    client: httpx.AsyncClient, collectors: FakeCollectors, published: Any
) -> None:
    collectors.down = "audit"

    response = await export(client, {"user_id": "sub-claire"})

    assert response.status_code == 503
    assert "audit" in response.json()["detail"]
    assert await published() == []


async def test_an_erasure_is_recorded_announced_and_pseudonymises_the_user(
    client: httpx.AsyncClient, directory: Any, published: Any
) -> None:
    body = {"user_id": "sub-tom", "reason": "his request of 2 December"}

    response = await erase(client, body)

    assert response.status_code == 202, response.text
    erasure = response.json()
    pseudonym = erasure["pseudonym"]
    assert pseudonym.startswith("erased-") and len(pseudonym) == len("erased-") + 8
    assert response.headers["location"] == f"/api/v1/privacy/erasures/{erasure['id']}"
    assert erasure | {"id": "", "pseudonym": "", "requested_at": ""} == {
        "id": "",
        "user_id": "sub-tom",
        "email_sha256": sha256(TOM_EMAIL),
        "pseudonym": "",
        "reason": "his request of 2 December",
        "requested_by": "sub-ada",
        "requested_at": "",
    }
    tom = directory.users["sub-tom"]
    assert (tom.id, tom.username, tom.name, tom.email, tom.enabled) == (
        "sub-tom",
        pseudonym,
        None,
        None,
        False,
    )
    assert await published() == [
        (DISABLED, "sub-tom", {"user_id": "sub-tom"}),
        (
            ERASED,
            "sub-tom",
            {
                "erasure_id": erasure["id"],
                "user_id": "sub-tom",
                "email_sha256": sha256(TOM_EMAIL),
                "pseudonym": pseudonym,
            },
        ),
    ]
    read = await client.get(response.headers["location"], headers=auth("ada"))
    assert read.json() == erasure


async def test_a_disabled_account_is_not_disabled_twice(
    client: httpx.AsyncClient, directory: Any, published: Any
) -> None:
    response = await erase(client, {"user_id": "sub-paul", "reason": "request"})

    assert response.status_code == 202, response.text
    assert [kind for kind, _, _ in await published()] == [ERASED]
    assert directory.users["sub-paul"].username == response.json()["pseudonym"]


async def test_erasing_a_contact_announces_a_hash_never_the_address(
    client: httpx.AsyncClient, directory: Any, published: Any
) -> None:
    response = await erase(client, {"email": CONTACT, "reason": "request"})

    assert response.status_code == 202, response.text
    [(kind, subject, body)] = await published()
    assert (kind, subject) == (ERASED, sha256(CONTACT))
    assert body["user_id"] is None
    assert body["email_sha256"] == sha256(CONTACT)
    assert "@" not in str(body) and "martin" not in str(body).lower()
    assert directory.changes == []


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"user_id": "sub-nobody", "reason": "r"}, 404),
        ({"user_id": "service-account-facturo-invoicing", "reason": "r"}, 404),
        ({"user_id": "sub-ada", "reason": "r"}, 409),
        ({"user_id": "sub-tom", "email": "marc@demo.facturo.test", "reason": "r"}, 422),
        ({"reason": "r"}, 422),
        ({"user_id": "sub-tom"}, 422),
        ({"user_id": "sub-tom", "reason": " "}, 422),
        ({"email": "not an address", "reason": "r"}, 422),
    ],
)
async def test_an_erasure_must_name_one_existing_other_person(
    client: httpx.AsyncClient,
    directory: Any,
    published: Any,
    body: dict[str, str],
    status: int,
) -> None:
    response = await erase(client, body)

    assert response.status_code == status, response.text
    assert directory.changes == []
    assert await published() == []


async def test_an_export_names_somebody(
    client: httpx.AsyncClient, published: Any
) -> None:
    response = await export(client, {})

    assert response.status_code == 422
    assert "user_id" in response.text
    assert await published() == []


async def test_a_refusal_from_keycloak_leaves_no_erasure(
    client: httpx.AsyncClient,
    directory: Any,
    published: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def refuse(user_id: str, pseudonym: str) -> None:
        raise DirectoryUnavailable("the directory answered 400 to pseudonymise")

    monkeypatch.setattr(directory, "pseudonymise", refuse)
    body = {"user_id": "sub-tom", "reason": "request"}

    response = await erase(client, body)
    listed = await export(client, {"user_id": "sub-tom"})

    assert response.status_code == 503
    assert listed.json()["sections"]["identity"]["erasures"] == []
    assert [kind for kind, _, _ in await published()] == [EXPORTED]


@pytest.mark.parametrize("username", NOT_ADMINS)
async def test_only_admins_export_and_erase(
    client: httpx.AsyncClient,
    directory: Any,
    collectors: FakeCollectors,
    published: Any,
    username: str,
) -> None:
    calls = [
        ("POST", "/api/v1/privacy/exports", {"user_id": "sub-tom"}),
        ("POST", "/api/v1/privacy/erasures", {"user_id": "sub-tom", "reason": "r"}),
        ("GET", "/api/v1/privacy/erasures/00000000-0000-0000-0000-000000000000", None),
    ]

    statuses = [
        (await client.request(m, p, json=b, headers=auth(username))).status_code
        for m, p, b in calls
    ]

    assert statuses == [403, 403, 403]
    assert collectors.asked == []
    assert directory.changes == []
    assert await published() == []
