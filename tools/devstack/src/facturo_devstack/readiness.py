"""Polls each server until it answers, or gives up after a timeout."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

import httpx
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

logger = logging.getLogger(__name__)

Probe = Callable[[], Awaitable[bool]]
INTERVAL = 0.5


class NotReadyError(RuntimeError):
    """A server did not become ready in time, or its process died."""


async def wait_until(
    name: str, probe: Probe, limit: float, alive: Callable[[], bool] | None = None
) -> float:
    """Run probe until it returns True; returns the seconds it took."""
    loop = asyncio.get_running_loop()
    started = loop.time()
    while loop.time() - started < limit:
        if await probe():
            return loop.time() - started
        if alive is not None and not alive():
            raise NotReadyError(f"{name} exited before it was ready")
        await asyncio.sleep(INTERVAL)
    raise NotReadyError(f"{name} not ready after {limit:.0f}s")


def http_ok(url: str) -> Probe:
    async def probe() -> bool:
        try:
            async with httpx.AsyncClient(timeout=2.0) as client:
                response = await client.get(url)
        except httpx.HTTPError:
            return False
        return response.status_code == httpx.codes.OK

    return probe


def all_of(*probes: Probe) -> Probe:
    async def probe() -> bool:
        for each in probes:
            if not await each():
                return False
        return True

    return probe


def tcp_open(host: str, port: int) -> Probe:
    async def probe() -> bool:
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), 2)
        except (OSError, TimeoutError):
            return False
        writer.close()
        await writer.wait_closed()
        return True

    return probe


def smtp_greets(host: str, port: int) -> Probe:
    """Connect and read the 220 greeting."""

    async def probe() -> bool:
        try:
            connect = asyncio.open_connection(host, port)
            reader, writer = await asyncio.wait_for(connect, 2)
            greeting = await asyncio.wait_for(reader.readline(), 2)
        except (OSError, TimeoutError):
            return False
        writer.close()
        await writer.wait_closed()
        return greeting.startswith(b"220")

    return probe


def kafka_metadata(bootstrap: str) -> Probe:
    """A metadata request through aiokafka's admin client."""
    port_open = tcp_open(*_split(bootstrap))

    async def probe() -> bool:
        if not await port_open():
            return False
        admin = AIOKafkaAdminClient(
            bootstrap_servers=bootstrap, request_timeout_ms=3000
        )
        try:
            await admin.start()
            await admin.list_topics()
        except (KafkaError, OSError, TimeoutError):
            return False
        finally:
            await admin.close()
        return True

    return probe


def _split(address: str) -> tuple[str, int]:
    host, port = address.rsplit(":", 1)
    return host, int(port)
