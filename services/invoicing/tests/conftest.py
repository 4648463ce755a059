from collections.abc import AsyncIterator

import httpx
import pytest

from facturo_chassis.testing import running_app
from facturo_invoicing.bootstrap import create_app
from facturo_invoicing.settings import InvoicingSettings


@pytest.fixture
def settings(database_url: str) -> InvoicingSettings:
    return InvoicingSettings(database_url=database_url)


@pytest.fixture
async def app_and_client(settings: InvoicingSettings) -> AsyncIterator[tuple]:
    app = create_app(settings)
    async with running_app(app) as client:
        yield app, client


@pytest.fixture
def client(app_and_client: tuple) -> httpx.AsyncClient:
    return app_and_client[1]
