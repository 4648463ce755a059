"""Zipkin with in-memory storage, UI and API on 127.0.0.1:9411."""

from __future__ import annotations

from pathlib import Path

from facturo_devstack.java import FAST_START, default_java
from facturo_devstack.process import ProcessSpec

HOST = "127.0.0.1"
PORT = 9411
BASE_URL = f"http://{HOST}:{PORT}"
HEALTH_URL = f"{BASE_URL}/health"
SPANS_URL = f"{BASE_URL}/api/v2/spans"
HEAP = ["-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", *FAST_START]


def arguments(host: str = HOST, port: int = PORT) -> list[str]:
    """Spring Boot options; the whole armeria port entry is restated to bind host."""
    return [
        f"--armeria.ports[0].ip={host}",
        f"--armeria.ports[0].port={port}",
        "--armeria.ports[0].protocols[0]=http",
    ]


def process_spec(jar: Path) -> ProcessSpec:
    argv = [default_java(), *HEAP, "-jar", str(jar), *arguments()]
    env = {"STORAGE_TYPE": "mem"}
    return ProcessSpec("zipkin", argv, "zipkin-server", env=env)
