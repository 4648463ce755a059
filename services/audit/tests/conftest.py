from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from facturo_audit.bootstrap import create_app
from facturo_audit.settings import AuditSettings
from facturo_chassis.testing import running_app


@pytest.fixture
def settings(database_url: str) -> AuditSettings:
    return AuditSettings(database_url=database_url, verify_batch_size=2)


@pytest.fixture
def app(settings: AuditSettings) -> FastAPI:
    return create_app(settings)


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with running_app(app) as client:
        yield client
