"""Which Java runs which server."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

TEMURIN_25 = Path("/usr/lib/jvm/temurin-25-jdk-amd64")
# Only the C1 compiler: on 2 cores the three JVMs start about a third faster, and
# a development stack never runs long enough to need C2's peak throughput.
FAST_START = ["-XX:TieredStopAtLevel=1"]


def default_java() -> str:
    """The java on PATH (Java 17 or newer is enough for Kafka and Zipkin)."""
    return shutil.which("java") or "java"


def keycloak_java_home() -> Path | None:
    """Temurin 25 when installed (Keycloak deprecates 17), else JAVA_HOME if set."""
    if (TEMURIN_25 / "bin" / "java").is_file():
        return TEMURIN_25
    home = os.environ.get("JAVA_HOME")
    return Path(home) if home else None
