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
        principal("svc", ["service"]),
    )
}


class StaticVerifier:
    """Accepts the token `<username>` for each known principal."""

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
