"""Wires the notifications service: settings, adapters, routes and consumers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI

from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime
from facturo_chassis.service_client import service_client
from facturo_notifications.adapters.directory import HttpDirectory
from facturo_notifications.adapters.invoicing import HttpInvoicing
from facturo_notifications.adapters.mailer import SmtpMailer
from facturo_notifications.adapters.orm import Base
from facturo_notifications.entrypoints import consumers, notifications
from facturo_notifications.service_layer.ports import Ports
from facturo_notifications.settings import NotificationsSettings

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"


def http_ports(
    settings: NotificationsSettings,
) -> tuple[Ports, list[httpx.AsyncClient]]:
    """The real adapters, and the HTTP clients to close at shutdown."""
    identity = service_client(settings, settings.identity_url)
    invoicing = service_client(settings, settings.invoicing_url)
    books = HttpInvoicing(invoicing)
    ports = Ports(
        directory=HttpDirectory(identity),
        customers=books,
        mailer=SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_from,
            settings.smtp_timeout_seconds,
        ),
        portal_url=settings.portal_url,
    )
    return ports, [identity, invoicing]


def create_app(
    settings: NotificationsSettings | None = None, ports: Ports | None = None
) -> FastAPI:
    """`ports` replaces the HTTP and SMTP adapters (tests pass fakes)."""
    settings = settings or NotificationsSettings()
    clients: list[httpx.AsyncClient] = []
    if ports is None:
        ports, clients = http_ports(settings)
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    consumers.register(runtime, ports)
    app = build_app(
        runtime,
        title="Facturo notifications",
        description="E-mail and in-app notifications of invoices and approvals.",
        routers=[notifications.router],
    )
    app.state.http_clients = clients
    _close_on_shutdown(app, clients)
    return app


def _close_on_shutdown(app: FastAPI, clients: list[httpx.AsyncClient]) -> None:
    chassis_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            async with chassis_lifespan(app):
                yield
        finally:
            for client in clients:
                await client.aclose()

    app.router.lifespan_context = lifespan


def main() -> None:
    settings = NotificationsSettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
