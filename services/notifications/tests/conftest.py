"""Fixtures: fake directory and invoicing books, and a real SMTP server.

The app's mail sender task does not run here (`running_app` skips the app's
lifespan): tests run its passes themselves, with `send_queued`.
"""

import socket
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import httpx
import pytest
from aiosmtpd.controller import Controller
from fastapi import FastAPI

from facturo_chassis.testing import running_app
from facturo_notifications.adapters.mailer import SmtpMailer
from facturo_notifications.bootstrap import create_app
from facturo_notifications.domain.people import Contact, Person
from facturo_notifications.service_layer.ports import Ports
from facturo_notifications.settings import NotificationsSettings

CUSTOMER_EMAIL = "compta@boulangerie-martin.example.com"
IDN_EMAIL = "comptabilite@ateliervélorapidesas.example.com"
IDN_EMAIL_ASCII = "comptabilite@xn--ateliervlorapidesas-izb.example.com"
UTF8_EMAIL = "josé@exämple.com"
BAD_EMAIL = "compta@-bäd-.example.com"


def person(username: str, roles: set[str], departments: set[str]) -> Person:
    return Person(
        id=f"sub-{username}",
        username=username,
        name=username.title(),
        email=f"{username}@demo.facturo.test",
        departments=frozenset(departments),
        roles=frozenset(roles),
    )


# Claire also approves in this directory, so that leaving out the author of
# an approval request is what keeps her from being asked.
PEOPLE = [
    person("claire", {"clerk", "approver"}, {"SAL"}),
    person("marc", {"approver"}, {"SAL"}),
    person("sophie", {"approver"}, {"SRV"}),
]

CONTACTS = [
    Contact(id="cust-1", name="Boulangerie Martin SARL", email=CUSTOMER_EMAIL),
    Contact(id="cust-2", name="Sans Courriel SA", email=None),
    Contact(id="cust-idn", name="Atelier Vélo Rapide SAS", email=IDN_EMAIL),
    Contact(id="cust-utf8", name="José Exämple", email=UTF8_EMAIL),
    Contact(id="cust-bad", name="Mauvaise Adresse SARL", email=BAD_EMAIL),
]


class FakeDirectory:
    def __init__(self, people: list[Person]) -> None:
        self._people = {p.id: p for p in people}

    async def person(self, subject_id: str) -> Person | None:
        return self._people.get(subject_id)

    async def approvers(self, department: str) -> list[Person]:
        return [
            p
            for p in self._people.values()
            if "approver" in p.roles and department in p.departments
        ]


class FakeInvoicing:
    def __init__(self, contacts: list[Contact]) -> None:
        self._contacts = {c.id: c for c in contacts}

    async def contact(self, customer_id: str) -> Contact | None:
        return self._contacts.get(customer_id)


@dataclass
class MailSink:
    """An aiosmtpd handler that keeps what it accepts, or refuses."""

    refuse_data: str | None = None
    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    received: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    attempts: int = 0

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.attempts += 1
        if self.refuse_data:
            return self.refuse_data
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 OK"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def sink() -> MailSink:
    return MailSink()


@pytest.fixture
def smtputf8() -> bool:
    """Whether the mail server offers SMTPUTF8 (aiosmtpd's default: no)."""
    return False


@pytest.fixture
def smtp_port(sink: MailSink, smtputf8: bool) -> Iterator[int]:
    port = free_port()
    controller = Controller(
        sink, hostname="127.0.0.1", port=port, enable_SMTPUTF8=smtputf8
    )
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


@pytest.fixture
def consumer_retries() -> int:
    return 0


@pytest.fixture
def mail_max_attempts() -> int:
    return 8


@pytest.fixture
def settings(
    database_url: str, smtp_port: int, consumer_retries: int, mail_max_attempts: int
) -> NotificationsSettings:
    return NotificationsSettings(
        database_url=database_url,
        smtp_port=smtp_port,
        smtp_timeout_seconds=5.0,
        consumer_retries=consumer_retries,
        mail_max_attempts=mail_max_attempts,
        portal_url="https://portal.demo.facturo.test",
    )


@pytest.fixture
def invoicing() -> FakeInvoicing:
    return FakeInvoicing(CONTACTS)


@pytest.fixture
def ports(settings: NotificationsSettings, invoicing: FakeInvoicing) -> Ports:
    return Ports(
        directory=FakeDirectory(PEOPLE),
        customers=invoicing,
        mailer=SmtpMailer(
            settings.smtp_host,
            settings.smtp_port,
            settings.smtp_from,
            settings.smtp_timeout_seconds,
        ),
        portal_url=settings.portal_url,
    )


@pytest.fixture
async def app_and_client(
    settings: NotificationsSettings, ports: Ports
) -> AsyncIterator[tuple[FastAPI, httpx.AsyncClient]]:
    app = create_app(settings, ports)
    async with running_app(app) as client:
        yield app, client


@pytest.fixture
def app(app_and_client: tuple[FastAPI, httpx.AsyncClient]) -> FastAPI:
    return app_and_client[0]


@pytest.fixture
def client(app_and_client: tuple[FastAPI, httpx.AsyncClient]) -> httpx.AsyncClient:
    return app_and_client[1]
