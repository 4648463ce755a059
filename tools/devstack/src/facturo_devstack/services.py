"""Facturo's own services: started from the repo's .venv, one port each."""

from __future__ import annotations

import asyncio
import logging
import subprocess
from pathlib import Path

from facturo_devstack import kafka, keycloak, pidfile, readiness, smtp, zipkin
from facturo_devstack.paths import Paths
from facturo_devstack.process import ProcessSpec, spawn

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
READY_TIMEOUT = 60.0
# (name, module, port): `python -m <module>` serves HTTP on 127.0.0.1:<port>.
SERVICES: list[tuple[str, str, int]] = [
    ("identity", "facturo_identity", 8001),
    ("invoicing", "facturo_invoicing", 8002),
    ("approvals", "facturo_approvals", 8003),
    ("audit", "facturo_audit", 8004),
    ("notifications", "facturo_notifications", 8005),
]
PORTAL_URL = f"http://{HOST}:8000"


def client_id(name: str) -> str:
    return f"facturo-{name}"


def client_secret(name: str) -> str:
    """Demo-only secrets, matching deploy/keycloak/facturo-realm.json."""
    return f"{client_id(name)}-dev-secret"


def base_url(port: int) -> str:
    return f"http://{HOST}:{port}"


def service_env(paths: Paths, name: str, port: int) -> dict[str, str]:
    database = paths.data / f"{name}.db"
    return {
        "FACTURO_HTTP_PORT": str(port),
        "FACTURO_DATABASE_URL": f"sqlite+aiosqlite:///{database}",
        "FACTURO_KAFKA_BOOTSTRAP": kafka.BOOTSTRAP,
        "FACTURO_OIDC_ISSUER": keycloak.ISSUER,
        "FACTURO_SMTP_HOST": smtp.HOST,
        "FACTURO_SMTP_PORT": str(smtp.PORT),
        "FACTURO_SERVICE_CLIENT_ID": client_id(name),
        "FACTURO_SERVICE_CLIENT_SECRET": client_secret(name),
        "OTEL_SERVICE_NAME": name,
        "OTEL_TRACES_EXPORTER": "zipkin",
        "OTEL_EXPORTER_ZIPKIN_ENDPOINT": zipkin.SPANS_URL,
    }


def service_spec(paths: Paths, name: str, module: str, port: int) -> ProcessSpec:
    argv = [str(paths.venv_python), "-m", module]
    env = service_env(paths, name, port)
    return ProcessSpec(name, argv, module, cwd=paths.repo, env=env)


RUNNABLE_CHECK = """
import importlib.util as u, sys
spec = u.find_spec(sys.argv[1])
package = spec is not None and spec.submodule_search_locations is not None
main = u.find_spec(sys.argv[1] + ".__main__") if package else spec
sys.exit(main is None)
"""


def is_importable(python: Path, module: str) -> bool:
    """Ask the repo's interpreter, not this one, whether `-m module` can run."""
    if not python.is_file():
        return False
    command = [str(python), "-c", RUNNABLE_CHECK, module]
    result = subprocess.run(command, check=False, capture_output=True)  # noqa: S603
    return result.returncode == 0


async def start_service(paths: Paths, name: str, module: str, port: int) -> bool:
    """Start one service unless it runs already; False when it was skipped."""
    spec = service_spec(paths, name, module, port)
    pid = pidfile.running_pid(paths.run, name, module)
    if pid is None:
        if not is_importable(paths.venv_python, module):
            logger.warning("skipping %s: cannot import %s", name, module)
            return False
        if await readiness.tcp_open(HOST, port)():
            logger.warning("skipping %s: port %d is in use", name, port)
            return False
        pid = spawn(spec, paths.run, paths.log)
    probe = readiness.http_ok(f"{base_url(port)}/health/ready")
    alive = pidfile.alive_check(pid)
    try:
        await readiness.wait_until(name, probe, READY_TIMEOUT, alive)
    except readiness.NotReadyError as error:
        logger.error("%s; see %s", error, paths.log / f"{name}.log")
        return False
    return True


async def start_services(paths: Paths) -> list[str]:
    """Start every service in SERVICES in parallel; returns those now running."""
    starts = [start_service(paths, *entry) for entry in SERVICES]
    results = await asyncio.gather(*starts)
    return [entry[0] for entry, ok in zip(SERVICES, results, strict=True) if ok]
