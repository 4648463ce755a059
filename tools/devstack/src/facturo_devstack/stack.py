"""The commands: bring the stack up, down, report on it, or wipe its state."""

from __future__ import annotations

import asyncio
import logging
import shutil
import time

from facturo_devstack import (
    demo,
    kafka,
    pidfile,
    readiness,
    report,
    services,
    topics,
)
from facturo_devstack.components import Component, infrastructure
from facturo_devstack.fetch import fetch_all
from facturo_devstack.lock import LOCK_FILE
from facturo_devstack.paths import VAR_MARKER, Paths
from facturo_devstack.pins import Pins
from facturo_devstack.process import spawn, stop_group

logger = logging.getLogger(__name__)


class PortTakenError(RuntimeError):
    """A port the stack needs is held by a process the stack did not start."""


async def start_component(paths: Paths, component: Component) -> float:
    """Start component unless ours already runs, then wait until it is ready."""
    pid = pidfile.running_pid(paths.run, component.name, component.marker)
    if pid is None:
        if await readiness.tcp_open(component.host, component.port)():
            raise PortTakenError(f"{component.name}: port {component.port} is in use")
        spec = await asyncio.to_thread(component.prepare)
        pid = spawn(spec, paths.run, paths.log)
    else:
        logger.info("%s already running (pid %d)", component.name, pid)
    alive = pidfile.alive_check(pid)
    took = await readiness.wait_until(
        component.name, component.probe, component.timeout, alive
    )
    logger.info("%s ready after %.1fs", component.name, took)
    return took


async def up(
    paths: Paths, pins: Pins, with_services: bool, with_demo: bool = True
) -> int:
    started = time.monotonic()
    paths.prepare_var()
    await asyncio.to_thread(fetch_all, paths.cache, pins)
    starts = [start_component(paths, each) for each in infrastructure(paths, pins)]
    results = await asyncio.gather(*starts, return_exceptions=True)
    failures = [error for error in results if isinstance(error, BaseException)]
    if failures:
        return report_failures(paths, failures)
    await topics.ensure_topics(kafka.BOOTSTRAP, topics.topic_specs())
    logger.info("infrastructure ready in %.1fs", time.monotonic() - started)
    running: list[str] = []
    if with_services:
        running = await services.start_services(paths)
        missing = [n for n, _, _ in services.SERVICES if n not in running]
        if missing:
            logger.error("not started: %s; see %s", ", ".join(missing), paths.log)
            return 1
        if with_demo:
            await demo.load_demo_data(paths)
    report.print_summary(paths, running)
    logger.info("up took %.1fs", time.monotonic() - started)
    return 0


def report_failures(paths: Paths, failures: list[BaseException]) -> int:
    for error in failures:
        logger.error("%s", error)
    logger.error("logs are in %s; run `down` to stop what did start", paths.log)
    return 1


def _only_the_lock(paths: Paths) -> bool:
    """A var/ that holds nothing but the lock the command itself took."""
    return {entry.name for entry in paths.var.iterdir()} <= {LOCK_FILE}


def known_markers(paths: Paths, pins: Pins) -> dict[str, str]:
    markers = {each.name: each.marker for each in infrastructure(paths, pins)}
    markers.update({name: module for name, module, _ in services.SERVICES})
    return markers


async def down(paths: Paths, pins: Pins) -> int:
    """Stop the services first, then the infrastructure, each group in parallel."""
    markers = known_markers(paths, pins)
    names = pidfile.recorded_names(paths.run)
    service_names = {name for name, _, _ in services.SERVICES}
    await stop_all(paths, [n for n in names if n in service_names], markers)
    await stop_all(paths, [n for n in names if n not in service_names], markers)
    return 0


async def stop_all(paths: Paths, names: list[str], markers: dict[str, str]) -> None:
    stops = []
    for name in names:
        pid = pidfile.running_pid(paths.run, name, markers.get(name, ""))
        if pid is not None:
            stops.append(stop_group(name, pid))
    await asyncio.gather(*stops)
    for name in names:
        pidfile.remove_pid(paths.run, name)


def status(paths: Paths, pins: Pins) -> int:
    markers = known_markers(paths, pins)
    names = list(dict.fromkeys([*markers, *pidfile.recorded_names(paths.run)]))
    for name in names:
        pid = pidfile.running_pid(paths.run, name, markers.get(name, ""))
        state = f"running (pid {pid})" if pid else "stopped"
        print(f"{name:<14} {state}")
    return 0


async def reset(paths: Paths, pins: Pins) -> int:
    """down, then delete var/ (only if it is ours); the download cache stays."""
    await down(paths, pins)
    if not paths.var.exists() or _only_the_lock(paths):
        return 0
    if not (paths.var / VAR_MARKER).exists():
        logger.error("%s has no %s marker; not deleting it", paths.var, VAR_MARKER)
        return 1
    shutil.rmtree(paths.var)
    logger.info("deleted %s", paths.var)
    return 0
