"""Keycloak in dev mode, on a private copy of the cached distribution."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from facturo_devstack import cache
from facturo_devstack.java import FAST_START, keycloak_java_home
from facturo_devstack.process import ProcessSpec

logger = logging.getLogger(__name__)

HOST = "127.0.0.1"
HTTP_PORT = 8080
MANAGEMENT_PORT = 9000
REALM = "facturo"
BASE_URL = f"http://{HOST}:{HTTP_PORT}"
ISSUER = f"{BASE_URL}/realms/{REALM}"
READY_URL = f"http://{HOST}:{MANAGEMENT_PORT}/health/ready"
DISCOVERY_URL = f"{ISSUER}/.well-known/openid-configuration"
HEAP = "-Xms256m -Xmx768m"
# Demo-only bootstrap administrator of the master realm; never reuse elsewhere.
DEMO_ADMIN = ("admin", "admin")


def server_home(var: Path, version: str) -> Path:
    return var / "keycloak" / f"keycloak-{version}"


def prepare_home(source: Path, home: Path) -> Path:
    """Copy the pristine distribution once; Keycloak writes data/ and lib/ in it."""
    if cache.is_complete(home):
        return home
    shutil.rmtree(home, ignore_errors=True)
    shutil.copytree(source, home, symlinks=True)
    cache.mark_complete(home)
    logger.info("copied keycloak distribution to %s", home)
    return home


def stage_realms(realm_dir: Path, home: Path) -> list[Path]:
    """Copy deploy/keycloak/*.json to data/import (existing realms are skipped)."""
    import_dir = home / "data" / "import"
    shutil.rmtree(import_dir, ignore_errors=True)
    import_dir.mkdir(parents=True)
    realms = sorted(realm_dir.glob("*.json"))
    for realm in realms:
        shutil.copy2(realm, import_dir / realm.name)
    return realms


def environment() -> dict[str, str]:
    env = {
        "KC_BOOTSTRAP_ADMIN_USERNAME": DEMO_ADMIN[0],
        "KC_BOOTSTRAP_ADMIN_PASSWORD": DEMO_ADMIN[1],
        "JAVA_OPTS_KC_HEAP": HEAP,
        "JAVA_OPTS_APPEND": " ".join(FAST_START),
    }
    java_home = keycloak_java_home()
    if java_home is not None:
        env["JAVA_HOME"] = str(java_home)
    return env


def arguments() -> list[str]:
    return [
        "start-dev",
        "--import-realm",
        f"--http-host={HOST}",
        f"--http-port={HTTP_PORT}",
        f"--http-management-host={HOST}",
        f"--http-management-port={MANAGEMENT_PORT}",
        "--health-enabled=true",
    ]


def process_spec(home: Path) -> ProcessSpec:
    argv = [str(home / "bin" / "kc.sh"), *arguments()]
    return ProcessSpec("keycloak", argv, str(home), cwd=home, env=environment())
