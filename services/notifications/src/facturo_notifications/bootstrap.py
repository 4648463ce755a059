"""Wires the notifications service: settings, adapters, routes, consumers and
the mail sender."""

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
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
from facturo_notifications.domain.messages import sender_domain
from facturo_notifications.entrypoints import consumers, notifications, privacy
from facturo_notifications.entrypoints.mail_sender import MailSender
from facturo_notifications.service_layer.ports import Ports
from facturo_notifications.service_layer.sending import SendPlan
from facturo_notifications.settings import NotificationsSettings

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"
# One SMTP exchange is a handful of commands, each under `smtp_timeout_seconds`.
SMTP_COMMANDS_PER_MAIL = 3


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
    """`ports` replaces the HTTP and SMTP adapters (tests pass fakes); its
    Message-ID domain and sender wake-up are set here."""
    settings = settings or NotificationsSettings()
    clients: list[httpx.AsyncClient] = []
    if ports is None:
        ports, clients = http_ports(settings)
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    sender = mail_sender(settings, runtime, ports)
    ports = replace(
        ports, mail_domain=sender_domain(settings.smtp_from), wake_sender=sender.wake
    )
    consumers.register(runtime, ports)
    app = build_app(
        runtime,
        title="Facturo notifications",
        description="E-mail and in-app notifications of invoices and approvals.",
        routers=[notifications.router, privacy.router],
    )
    app.state.http_clients = clients
    app.state.mail_sender = sender
    _run_sender_and_close_clients(app, sender, clients)
    return app


def mail_sender(
    settings: NotificationsSettings, runtime: Runtime, ports: Ports
) -> MailSender:
    plan = SendPlan(
        batch_size=settings.mail_batch_size,
        max_attempts=settings.mail_max_attempts,
        send_timeout=timedelta(
            seconds=settings.smtp_timeout_seconds * SMTP_COMMANDS_PER_MAIL
        ),
    )
    return MailSender(
        lambda: runtime.unit_of_work(None),
        ports.mailer,
        plan,
        settings.mail_poll_seconds,
    )


def _run_sender_and_close_clients(
    app: FastAPI, sender: MailSender, clients: list[httpx.AsyncClient]
) -> None:
    """Around the chassis lifespan: the sender runs while the database and
    the broker are up; the HTTP clients are closed last."""
    chassis_lifespan = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            async with chassis_lifespan(app):
                task = asyncio.create_task(sender.run(), name="mail-sender")
                try:
                    yield
                finally:
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await task
        finally:
            for client in clients:
                await client.aclose()

    app.router.lifespan_context = lifespan


def main() -> None:
    settings = NotificationsSettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
