"""Database access: one async engine per service and Alembic migrations.

SQLite (one file per service under `var/`) is the embedded default; PostgreSQL
is the production database. Both go through the same SQLAlchemy code.
"""

import logging
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)

logger = logging.getLogger(__name__)


def create_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        _ensure_sqlite_folder(url)
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin_immediate)
    else:
        engine = create_async_engine(url, pool_pre_ping=True)
    SQLAlchemyInstrumentor().instrument(engine=engine.sync_engine)
    return engine


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False)


def _ensure_sqlite_folder(url: str) -> None:
    path = url.split(":///", 1)[-1]
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Let the driver's transaction handling step aside: `begin` below issues
    # BEGIN IMMEDIATE so that writers queue instead of failing on upgrade.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def _sqlite_begin_immediate(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


# Any constant does: advisory locks are per database, and each service has its
# own. Held to the end of the migration transaction.
MIGRATION_LOCK = 0x46414354  # "FACT"


async def upgrade(engine: AsyncEngine, migrations: Path) -> None:
    """Bring the schema to the newest migration, before serving.

    Several replicas may start at once: on PostgreSQL they queue on an
    advisory lock and the later ones find the schema already at head. SQLite
    queues them by its BEGIN IMMEDIATE.
    """

    def run(connection: Connection) -> None:
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(
                f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})"
            )
        config = Config()
        config.set_main_option("script_location", str(migrations))
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with engine.begin() as connection:
        await connection.run_sync(run)
    logger.info("database schema up to date", extra={"migrations": str(migrations)})


def run_alembic_env(target_metadata: MetaData) -> None:
    """The body of every service's Alembic `env.py`.

    `upgrade` hands Alembic an open connection; the Alembic command line has
    none, so it connects with `FACTURO_DATABASE_URL` itself.
    """
    from alembic import context

    connection = context.config.attributes.get("connection")
    if connection is None:
        _run_from_command_line(context, target_metadata)
        return
    _migrate(context, connection, target_metadata)


def _migrate(context: Any, connection: Connection, metadata: MetaData) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_from_command_line(context: Any, metadata: MetaData) -> None:
    import asyncio

    from facturo_chassis.settings import ServiceSettings

    async def run() -> None:
        engine = create_async_engine(ServiceSettings().database_url)
        async with engine.begin() as connection:
            await connection.run_sync(lambda c: _migrate(context, c, metadata))
        await engine.dispose()

    asyncio.run(run())
