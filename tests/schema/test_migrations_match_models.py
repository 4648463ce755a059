"""Every service's migrations build exactly the schema its models describe.

A model changed without a migration (or a migration that drifts from the
model) would work in unit tests, which build from the migrations, and fail
in production on the first query that needs the missing piece.
"""

import asyncio
from importlib import import_module
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from facturo_chassis import db

SERVICES = ("identity", "invoicing", "approvals", "audit", "notifications")


def _service(name: str) -> tuple[MetaData, Path]:
    bootstrap = import_module(f"facturo_{name}.bootstrap")
    orm = import_module(f"facturo_{name}.adapters.orm")
    return orm.Base.metadata, bootstrap.MIGRATIONS


def _config(migrations: Path) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    return config


def _drift(connection: Connection, metadata: MetaData) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": False}
    )
    return list(compare_metadata(context, metadata))


@pytest.mark.parametrize("service", SERVICES)
async def test_migrations_build_the_models_schema(
    service: str, database_url: str
) -> None:
    metadata, migrations = _service(service)
    engine = db.create_engine(database_url)
    try:
        await db.upgrade(engine, migrations)
        async with engine.connect() as connection:
            drift = await connection.run_sync(_drift, metadata)
    finally:
        await engine.dispose()

    assert drift == []


async def test_replicas_starting_together_migrate_once(database_url: str) -> None:
    metadata, migrations = _service("invoicing")
    engines = [db.create_engine(database_url) for _ in range(4)]
    try:
        await asyncio.gather(*(db.upgrade(e, migrations) for e in engines))
        async with engines[0].connect() as connection:
            heads = await connection.scalars(
                sa.text("SELECT version_num FROM alembic_version")
            )
            drift = await connection.run_sync(_drift, metadata)
            versions = list(heads)
    finally:
        await asyncio.gather(*(e.dispose() for e in engines))

    head = ScriptDirectory.from_config(_config(migrations)).get_current_head()
    assert versions == [head]
    assert drift == []
