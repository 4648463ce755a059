"""Legal entities: checked numbers, the IBAN encrypted at rest and masked."""

import json
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from pydantic import SecretStr, ValidationError
from sqlalchemy import select

from facturo_chassis.runtime import Runtime
from facturo_chassis.testing import auth
from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.adapters.orm import LegalEntity
from facturo_identity.service_layer.demo import seed_demo_company
from facturo_identity.service_layer.legal_entities import announce_legal_entities
from facturo_identity.settings import DEMO_ENCRYPTION_KEY, IdentitySettings

from ..conftest import Published

IBAN = "FR7630006000011234567890189"
MASKED = "FR76•••••••••••••••••••0189"
READERS = ["claire", "marc", "tom", "sophie", "fanny", "alex"]


async def stored(app: FastAPI) -> list[LegalEntity]:
    runtime: Runtime = app.state.runtime
    async with runtime.sessions() as session:
        return list(await session.scalars(select(LegalEntity)))


async def test_an_admin_creates_a_legal_entity_and_sees_the_iban(
    client: httpx.AsyncClient, company: dict[str, str]
) -> None:
    response = await client.post(
        "/api/v1/legal-entities", json=company, headers=auth("ada")
    )

    assert response.status_code == 201, response.text
    body = response.json()
    assert response.headers["Location"] == f"/api/v1/legal-entities/{body['id']}"
    assert {k: v for k, v in body.items() if k not in ("id", "created_at")} == {
        "name": "Facturo Démo SAS",
        "siren": "812345676",
        "vat_id": "FR19812345676",
        "address": "12 rue de la Paix, 75002 Paris, France",
        "iban": IBAN,
    }


async def test_the_iban_is_encrypted_at_rest(
    client: httpx.AsyncClient, app: FastAPI, legal_entity_id: str
) -> None:
    [row] = await stored(app)

    assert IBAN not in row.iban_encrypted
    assert "0189" not in row.iban_encrypted
    assert app.state.cipher.decrypt(row.iban_encrypted) == IBAN


@pytest.mark.parametrize("username", READERS)
async def test_everyone_else_reads_a_masked_iban(
    client: httpx.AsyncClient, legal_entity_id: str, username: str
) -> None:
    listing = await client.get("/api/v1/legal-entities", headers=auth(username))
    one = await client.get(
        f"/api/v1/legal-entities/{legal_entity_id}", headers=auth(username)
    )

    assert [e["iban"] for e in listing.json()] == [MASKED]
    assert one.json()["iban"] == MASKED
    assert one.json()["siren"] == "812345676"


async def test_no_service_account_is_granted_legal_entities(
    client: httpx.AsyncClient, legal_entity_id: str
) -> None:
    listing = await client.get("/api/v1/legal-entities", headers=auth("svc"))

    assert listing.status_code == 403


@pytest.mark.parametrize("username", [*READERS, "svc"])
async def test_only_admins_create_legal_entities(
    client: httpx.AsyncClient, company: dict[str, str], username: str
) -> None:
    response = await client.post(
        "/api/v1/legal-entities", json=company, headers=auth(username)
    )

    assert response.status_code == 403


async def test_every_bad_number_is_reported(
    client: httpx.AsyncClient, company: dict[str, str]
) -> None:
    bad = company | {"siren": "812345677", "vat_id": "FR00", "iban": "FR7630006"}

    response = await client.post(
        "/api/v1/legal-entities", json=bad, headers=auth("ada")
    )

    assert response.status_code == 422
    assert [e["location"] for e in response.json()["errors"]] == [
        "siren",
        "vat_id",
        "iban",
    ]


async def test_a_french_vat_id_must_match_the_siren(
    client: httpx.AsyncClient, company: dict[str, str]
) -> None:
    other = company | {"siren": "732829320"}  # a valid SIREN, not the VAT id's

    response = await client.post(
        "/api/v1/legal-entities", json=other, headers=auth("ada")
    )

    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"location": "vat_id", "message": "does not match the SIREN"}
    ]


async def test_another_eu_vat_id_is_checked_on_its_own(
    client: httpx.AsyncClient, company: dict[str, str]
) -> None:
    belgian = company | {"vat_id": "BE0403170701"}

    response = await client.post(
        "/api/v1/legal-entities", json=belgian, headers=auth("ada")
    )

    assert response.status_code == 201, response.text


async def test_a_siren_is_registered_once(
    client: httpx.AsyncClient, company: dict[str, str], legal_entity_id: str
) -> None:
    response = await client.post(
        "/api/v1/legal-entities", json=company, headers=auth("ada")
    )

    assert response.status_code == 409


async def test_an_unknown_legal_entity_is_404(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/legal-entities/nope", headers=auth("tom"))

    assert response.status_code == 404


async def test_the_demo_company_is_seeded_once(
    client: httpx.AsyncClient, app: FastAPI
) -> None:
    runtime: Runtime = app.state.runtime

    await seed_demo_company(runtime.unit_of_work(None), app.state.cipher)
    await seed_demo_company(runtime.unit_of_work(None), app.state.cipher)
    listing = await client.get("/api/v1/legal-entities", headers=auth("ada"))

    assert [(e["name"], e["siren"], e["iban"]) for e in listing.json()] == [
        ("Facturo Démo SAS", "812345676", IBAN)
    ]


def production(**values: Any) -> IdentitySettings:
    return IdentitySettings(
        environment="production",
        database_url="postgresql+asyncpg://facturo@db/identity",
        **values,
    )


@pytest.mark.parametrize("key", ["", DEMO_ENCRYPTION_KEY])
def test_production_refuses_a_missing_or_demo_key(key: str) -> None:
    with pytest.raises(ValidationError, match="FACTURO_ENCRYPTION_KEY"):
        production(encryption_key=SecretStr(key))


def test_a_key_must_be_a_fernet_key() -> None:
    with pytest.raises(ValidationError, match="Fernet key"):
        IdentitySettings(encryption_key=SecretStr("not-a-key"))


def test_production_starts_with_a_key_of_its_own() -> None:
    key = "b3duLWtleS1vZi10aGUtb3BlcmF0b3ItMzItYnl0ZSE="
    settings = production(encryption_key=SecretStr(key))
    cipher = FieldCipher(settings.encryption_key)

    assert cipher.decrypt(cipher.encrypt(IBAN)) == IBAN
    with pytest.raises(ValueError, match="cannot decrypt"):
        FieldCipher(SecretStr(DEMO_ENCRYPTION_KEY)).decrypt(cipher.encrypt(IBAN))


async def test_a_new_legal_entity_is_announced_without_its_iban(
    client: httpx.AsyncClient, published: Published, legal_entity_id: str
) -> None:
    [(event_type, subject, body)] = await published()

    assert (event_type, subject) == (
        "identity.directory.legal-entity-registered.v1",
        legal_entity_id,
    )
    assert body == {
        "id": legal_entity_id,
        "name": "Facturo Démo SAS",
        "siren": "812345676",
        "vat_id": "FR19812345676",
        "address": "12 rue de la Paix, 75002 Paris, France",
    }
    assert "0189" not in json.dumps(body)


async def test_the_seeded_demo_company_is_announced(
    client: httpx.AsyncClient, app: FastAPI, published: Published
) -> None:
    runtime: Runtime = app.state.runtime

    await seed_demo_company(runtime.unit_of_work(None), app.state.cipher)
    [row] = await stored(app)

    assert [(t, s, b["siren"]) for t, s, b in await published()] == [
        ("identity.directory.legal-entity-registered.v1", row.id, "812345676")
    ]


async def test_an_entity_made_before_announcements_is_announced_once(
    client: httpx.AsyncClient, app: FastAPI, published: Published
) -> None:
    runtime: Runtime = app.state.runtime
    async with runtime.sessions() as session, session.begin():
        session.add(
            LegalEntity(
                id="le-early",
                name="Facturo Lyon SAS",
                siren="443061841",
                vat_id="FR64443061841",
                address="1 quai Saint-Antoine, 69002 Lyon, France",
                iban_encrypted=app.state.cipher.encrypt(IBAN),
                created_at=datetime(2026, 1, 5, tzinfo=UTC),
                created_by="sub-ada",
                announced_at=None,
            )
        )

    await announce_legal_entities(runtime.unit_of_work(None))
    await announce_legal_entities(runtime.unit_of_work(None))
    [row] = [r for r in await stored(app) if r.id == "le-early"]

    assert [(t, s, b["siren"]) for t, s, b in await published()] == [
        ("identity.directory.legal-entity-registered.v1", "le-early", "443061841")
    ]
    assert row.announced_at is not None
