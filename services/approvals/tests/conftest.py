from collections.abc import AsyncIterator

import httpx
import pytest
from fastapi import FastAPI

from facturo_approvals.bootstrap import create_app
from facturo_approvals.settings import ApprovalsSettings
from facturo_chassis.testing import running_app


@pytest.fixture
def settings(database_url: str) -> ApprovalsSettings:
    return ApprovalsSettings(database_url=database_url)


@pytest.fixture
async def app_and_client(
    settings: ApprovalsSettings,
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings)
    async with running_app(app) as client:
        yield app, client


@pytest.fixture
def app(app_and_client: tuple[FastAPI, httpx.AsyncClient]) -> FastAPI:
    return app_and_client[0]


@pytest.fixture
def client(app_and_client: tuple[FastAPI, httpx.AsyncClient]) -> httpx.AsyncClient:
    return app_and_client[1]
