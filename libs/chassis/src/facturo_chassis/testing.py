"""Helpers for the services' unit tests: principals and an in-memory broker.

Unit tests run a service's app on a temporary SQLite file with FastStream's
in-memory Kafka broker and a verifier that knows a fixed set of tokens.
Integration and system tests use the real servers instead.
"""

import contextlib
from collections.abc import AsyncIterator, Iterable

import httpx
from fastapi import FastAPI
from faststream.kafka import TestKafkaBroker

from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.auth.tokens import InvalidToken
from facturo_chassis.runtime import Runtime


def principal(
    username: str,
    roles: Iterable[str],
    departments: Iterable[str] = (),
    subject: str | None = None,
) -> Principal:
    return Principal(
        subject=subject or f"sub-{username}",
        username=username,
        roles=frozenset(Role(r) for r in roles),
        departments=frozenset(departments),
        email=f"{username}@demo.facturo.test",
        name=username.title(),
    )


def service_account(service: str, grants: Iterable[str]) -> Principal:
    """The service account of client `facturo-<service>`, as Keycloak names it."""
    username = f"service-account-facturo-{service}"
    return Principal(
        subject=f"sub-{username}",
        username=username,
        roles=frozenset({Role.SERVICE}),
        departments=frozenset(),
        client_id=f"facturo-{service}",
        grants=frozenset(grants),
    )


# What each service account may do: its `svc:<action>` roles in the realm
# files (deploy/keycloak), which identity's realm test compares with this.
SERVICE_GRANTS: dict[str, frozenset[str]] = {
    "identity": frozenset({"privacy.collect"}),
    "invoicing": frozenset({"directory.read"}),
    "approvals": frozenset(),
    "audit": frozenset(),
    "notifications": frozenset(
        {"directory.read", "directory.contact", "customer.read"}
    ),
}

SERVICE_ACCOUNTS = {
    service: service_account(service, grants)
    for service, grants in SERVICE_GRANTS.items()
}

DEMO_PRINCIPALS = {
    p.username: p
    for p in (
        principal("claire", ["clerk"], ["SAL"]),
        principal("marc", ["approver"], ["SAL"]),
        principal("tom", ["clerk"], ["SRV"]),
        principal("sophie", ["approver"], ["SRV"]),
        principal("fanny", ["finance"]),
        principal("alex", ["auditor"]),
        principal("ada", ["admin"]),
    )
} | {
    # The token `svc` is the notifications service's account (it reads the
    # directory and customers); the others by the service they belong to.
    "svc": SERVICE_ACCOUNTS["notifications"],
    "svc-identity": SERVICE_ACCOUNTS["identity"],
    "svc-invoicing": SERVICE_ACCOUNTS["invoicing"],
}


class StaticVerifier:
    """Accepts the token `<key>` for each known principal."""

    def __init__(self, principals: dict[str, Principal]) -> None:
        self._principals = principals

    async def verify(self, token: str) -> Principal:
        try:
            return self._principals[token]
        except KeyError:
            raise InvalidToken("unknown test token") from None


def auth(username: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {username}"}


@contextlib.asynccontextmanager
async def running_app(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """Start the app (migrations, in-memory broker, relay); yield a client."""
    runtime: Runtime = app.state.runtime
    app.state.verifier = StaticVerifier(DEMO_PRINCIPALS)
    async with TestKafkaBroker(runtime.broker), runtime.running(with_relay=False):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(
            transport=transport, base_url="http://test"
        ) as client:
            yield client
