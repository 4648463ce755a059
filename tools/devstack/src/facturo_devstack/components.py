"""The infrastructure servers: how to prepare, start and probe each one."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass

from facturo_devstack import cache, kafka, keycloak, readiness, smtp, zipkin
from facturo_devstack.paths import Paths
from facturo_devstack.pins import Pins
from facturo_devstack.process import ProcessSpec


@dataclass(frozen=True)
class Component:
    name: str
    marker: str
    host: str
    port: int
    prepare: Callable[[], ProcessSpec]
    probe: readiness.Probe
    timeout: float


def kafka_component(paths: Paths, pins: Pins) -> Component:
    kafka_dir = paths.var / "kafka"
    lib = cache.kafka_lib(paths.cache, pins)

    def prepare() -> ProcessSpec:
        kafka.format_storage(kafka_dir, lib, paths.log)
        return kafka.process_spec(kafka_dir, lib)

    probe = readiness.kafka_metadata(kafka.BOOTSTRAP)
    return Component(
        "kafka", "kafka.Kafka", kafka.HOST, kafka.BROKER_PORT, prepare, probe, 90
    )


def keycloak_component(paths: Paths, pins: Pins) -> Component:
    home = keycloak.server_home(paths.var, pins.keycloak.version)

    def prepare() -> ProcessSpec:
        keycloak.prepare_home(cache.keycloak_home(paths.cache, pins), home)
        keycloak.stage_realms(paths.realm_dir, home)
        return keycloak.process_spec(home)

    probe = readiness.all_of(
        readiness.http_ok(keycloak.READY_URL), readiness.http_ok(keycloak.DISCOVERY_URL)
    )
    host, port = keycloak.HOST, keycloak.HTTP_PORT
    return Component("keycloak", str(home), host, port, prepare, probe, 300)


def zipkin_component(paths: Paths, pins: Pins) -> Component:
    jar = cache.zipkin_jar(paths.cache, pins)
    probe = readiness.http_ok(zipkin.HEALTH_URL)
    return Component(
        "zipkin",
        "zipkin-server",
        zipkin.HOST,
        zipkin.PORT,
        lambda: zipkin.process_spec(jar),
        probe,
        120,
    )


def smtp_component(paths: Paths) -> Component:
    module = "facturo_devstack.smtp"
    argv = [sys.executable, "-m", module, "--maildir", str(paths.mail)]
    argv += ["--host", smtp.HOST, "--port", str(smtp.PORT)]
    spec = ProcessSpec("smtp", argv, module, cwd=paths.var)
    probe = readiness.smtp_greets(smtp.HOST, smtp.PORT)
    return Component("smtp", module, smtp.HOST, smtp.PORT, lambda: spec, probe, 20)


def infrastructure(paths: Paths, pins: Pins) -> list[Component]:
    return [
        kafka_component(paths, pins),
        keycloak_component(paths, pins),
        zipkin_component(paths, pins),
        smtp_component(paths),
    ]
