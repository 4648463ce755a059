"""What the access matrix runs on: routes of an app, calls, and a world.

A probe builds the call one cell of the matrix makes: it seeds what the
route needs (through the service's own API or consumer, as its unit tests
do) and names the object the call is about.
"""

import uuid
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import fastapi.routing
import httpx
from fastapi import FastAPI

from facturo_chassis.messaging.envelope import build_headers
from facturo_chassis.runtime import Runtime
from facturo_contracts.envelope import Event

EXCLUDED_PREFIXES = ("/health/", "/metrics", "/docs", "/openapi.json", "/redoc")

Route = tuple[str, str]  # (method, path template)


@dataclass
class World:
    """One running app, its client, and what probes keep between calls."""

    app: FastAPI
    client: httpx.AsyncClient
    kept: dict[str, Any] = field(default_factory=dict)

    @property
    def runtime(self) -> Runtime:
        runtime: Runtime = self.app.state.runtime
        return runtime


@dataclass(frozen=True)
class Call:
    """One request of a cell.

    `ids` fill the path template. `listed` is the id a list must show exactly
    when the caller may see the seeded object. `owner` is the one person an
    object belongs to (recipient-scoped routes).
    """

    ids: dict[str, str] = field(default_factory=dict)
    json: Any = None
    params: dict[str, str] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    listed: str | None = None
    owner: str | None = None


Probe = Callable[[World, str, str], Awaitable[Call]]


@dataclass(frozen=True)
class Nested:
    """A body naming an object of another department, and one naming nothing."""

    other: Any
    missing: Any


# (world, the caller's department, another department) -> the two bodies
NestedProbe = Callable[[World, str, str], Awaitable[Nested]]


def app_routes(app: FastAPI) -> Iterator[Route]:
    """Every (method, path) the app serves, but health, metrics and docs."""
    for route in _flat(app):
        path = str(getattr(route, "path", ""))
        if path.startswith(EXCLUDED_PREFIXES) or path in EXCLUDED_PREFIXES:
            continue
        methods = getattr(route, "methods", None)
        if methods is None:  # a mounted app: the table must name it
            yield ("MOUNT", path)
        for method in sorted(methods or ()):
            if method != "HEAD":
                yield (method, path)


def _flat(app: FastAPI) -> Iterator[Any]:
    """The routes of included routers too (FastAPI 0.165 nests them)."""
    iterate = getattr(fastapi.routing, "iter_route_contexts", None)
    if iterate is None:
        yield from app.routes
    else:
        yield from iterate(app.routes)


def random_ids(ids: dict[str, str]) -> dict[str, str]:
    """Ids of the same shape that name nothing."""
    return {
        name: "987654321" if value.isdigit() else str(uuid.uuid4())
        for name, value in ids.items()
    }


async def deliver(
    world: World, topic: str, event: Event, actor: str = "sub-svc"
) -> None:
    """Hand an event to the app's consumer of `topic`, as Kafka would."""
    runtime = world.runtime
    headers = build_headers(event, source="/facturo/access-matrix", actor=actor)
    body = event.model_dump_json().encode()
    [consumer] = [c for c in runtime.consumers if topic in c.topics]
    await consumer.process(runtime.broker, topic, body, headers)


def ok(response: httpx.Response) -> Any:
    assert response.is_success, f"{response.request.url}: {response.text}"
    return response.json()
