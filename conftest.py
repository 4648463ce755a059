"""Fixtures for the tests that need the real servers.

If the local stack is not running, the session starts it (without demo data)
and stops it at the end; a stack started by `make up` is used as it is.
"""

import os
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

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


def _devstack(*args: str) -> None:
    subprocess.run(  # noqa: S603 - a fixed command of our own
        [sys.executable, "-m", "facturo_devstack", *args], cwd=REPO, check=True
    )


@pytest.fixture(scope="session")
def stack() -> Iterator[Paths]:
    started_here = False
    if not _stack_is_up():
        _devstack("up", "--no-demo")
        started_here = True
    assert _stack_is_up(), "the local stack did not become ready"
    yield Paths.from_env()
    if started_here and not os.environ.get("FACTURO_KEEP_STACK"):
        _devstack("down")


@pytest.fixture
async def api(stack: Paths) -> AsyncIterator[FacturoApi]:
    async with httpx.AsyncClient(timeout=30.0) as client:
        yield FacturoApi(client)
