"""Fixtures for the tests that need real servers.

`stack`: a stack started by `make up` is used as it is; otherwise the session
starts a fresh one of its own under var/test-stack (without demo data, so the
developer's var/ is left alone) and stops it at the end, keeping its logs.

`database_url`: each test that asks for it runs twice, on a SQLite file and on
a fresh database of a throwaway PostgreSQL server.
"""

import asyncio
import os
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from facturo_devstack import postgres
from facturo_devstack.api import PORTS, FacturoApi
from facturo_devstack.paths import Paths

REPO = Path(__file__).resolve().parent


def _stack_is_up() -> bool:
    try:
        for port in PORTS.values():
            response = httpx.get(f"http://127.0.0.1:{port}/health/ready", timeout=2)
            if response.status_code != 200:
                return False
    except httpx.HTTPError:
        return False
    return True


TEST_VAR = REPO / "var" / "test-stack"


def _devstack(*args: str, env: dict[str, str]) -> None:
    subprocess.run(  # noqa: S603 - a fixed command of our own
        [sys.executable, "-m", "facturo_devstack", *args],
        cwd=REPO,
        check=True,
        env=env,
    )


@pytest.fixture(scope="session")
def stack() -> Iterator[Paths]:
    if _stack_is_up():
        yield Paths.from_env()
        return
    env = {**os.environ, "FACTURO_VAR": str(TEST_VAR)}
    _devstack("reset", env=env)
    _devstack("up", "--no-demo", env=env)
    assert _stack_is_up(), f"the test stack did not become ready; see {TEST_VAR}/log"
    yield Paths.from_env(env)
    if not os.environ.get("FACTURO_KEEP_STACK"):
        _devstack("down", env=env)


@pytest.fixture
async def api(stack: Paths) -> AsyncIterator[FacturoApi]:
    async with httpx.AsyncClient(timeout=30.0) as client:
        yield FacturoApi(client)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    with postgres.temporary_server() as url:
        yield url


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.integration)]
)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/service.db"
    server: str = request.getfixturevalue("postgres_server")
    name = f"test_{uuid.uuid4().hex[:16]}"
    asyncio.run(_create_database(server, name))
    return f"{server}/{name}"


async def _create_database(server: str, name: str) -> None:
    import asyncpg

    dsn = server.replace("postgresql+asyncpg", "postgresql") + "/postgres"
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
