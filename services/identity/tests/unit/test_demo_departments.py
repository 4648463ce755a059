"""The demo realm's departments are put under the demo company, once."""

import dataclasses

import httpx
import pytest
from fastapi import FastAPI

from facturo_chassis.runtime import Runtime
from facturo_identity.adapters import repository
from facturo_identity.service_layer.demo import (
    DEMO_COMPANY,
    assign_demo_departments,
    seed_demo_company,
)

from ..conftest import FakeDirectory, Published

ASSIGNED = "identity.directory.department-assigned-to-legal-entity.v1"
REGISTERED = "identity.directory.legal-entity-registered.v1"


async def assign(app: FastAPI, directory: FakeDirectory) -> None:
    runtime: Runtime = app.state.runtime
    await assign_demo_departments(runtime.unit_of_work(None), directory)


async def demo_company_id(app: FastAPI) -> str:
    runtime: Runtime = app.state.runtime
    await seed_demo_company(runtime.unit_of_work(None), app.state.cipher)
    async with runtime.sessions() as session:
        entity = await repository.legal_entity_by_siren(session, DEMO_COMPANY.siren)
    assert entity is not None
    return entity.id


async def test_each_department_without_a_legal_entity_is_assigned_and_announced(
    client: httpx.AsyncClient,
    app: FastAPI,
    directory: FakeDirectory,
    published: Published,
) -> None:
    entity_id = await demo_company_id(app)

    await assign(app, directory)

    assert [(t, s, b) for t, s, b in await published() if t == ASSIGNED] == [
        (ASSIGNED, code, {"department": code, "legal_entity_id": entity_id})
        for code in ("TRN", "SAL", "SRV")
    ]
    assert {d.code: d.legal_entity for d in directory.departments_list} == {
        "TRN": entity_id,
        "SAL": entity_id,
        "SRV": entity_id,
    }


async def test_a_second_start_announces_nothing_more(
    client: httpx.AsyncClient,
    app: FastAPI,
    directory: FakeDirectory,
    published: Published,
) -> None:
    await demo_company_id(app)
    await assign(app, directory)
    before = await published()

    await demo_company_id(app)
    await assign(app, directory)

    assert await published() == before
    assert [t for t, _, _ in before].count(REGISTERED) == 1


async def test_a_department_with_a_legal_entity_keeps_it(
    client: httpx.AsyncClient,
    app: FastAPI,
    directory: FakeDirectory,
    published: Published,
) -> None:
    sales = directory.departments_list[1]
    directory.departments_list[1] = dataclasses.replace(sales, legal_entity="le-9")
    await demo_company_id(app)

    await assign(app, directory)

    assert [s for t, s, _ in await published() if t == ASSIGNED] == ["TRN", "SRV"]
    assert directory.departments_list[1].legal_entity == "le-9"


async def test_without_the_demo_company_nothing_is_assigned(
    client: httpx.AsyncClient,
    app: FastAPI,
    directory: FakeDirectory,
    published: Published,
) -> None:
    await assign(app, directory)

    assert await published() == []
    assert directory.changes == []


async def test_an_unreachable_directory_is_left_for_the_next_start(
    client: httpx.AsyncClient,
    app: FastAPI,
    directory: FakeDirectory,
    published: Published,
    caplog: pytest.LogCaptureFixture,
) -> None:
    await demo_company_id(app)
    directory.down = True

    await assign(app, directory)

    assert [t for t, _, _ in await published()] == [REGISTERED]
    assert "demo departments not assigned" in caplog.text
