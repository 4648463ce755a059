"""Downloads the pinned servers with Maven into the cache, once."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
import tempfile
import zipfile
from importlib import resources
from pathlib import Path

from facturo_devstack import cache
from facturo_devstack.pins import Artifact, Pins

logger = logging.getLogger(__name__)


class FetchError(RuntimeError):
    """A download failed or did not match its pinned checksum."""


def sha256_of(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def verify_sha256(path: Path, expected: str) -> None:
    actual = sha256_of(path)
    if actual != expected:
        raise FetchError(f"{path.name}: sha256 {actual}, pinned {expected}")


def kafka_pom() -> Path:
    """The throwaway POM in tools/devstack/maven (next to the source tree)."""
    here = Path(str(resources.files(__package__)))
    return here.parents[1] / "maven" / "pom.xml"


def run_maven(args: list[str], cwd: Path) -> None:
    mvn = shutil.which("mvn")
    if mvn is None:
        raise FetchError("mvn not found on PATH; install Maven (apt-get install maven)")
    command = [mvn, "-q", "-B", "--strict-checksums", "-Dstyle.color=never", *args]
    logger.info("running %s", " ".join(command))
    result = subprocess.run(  # noqa: S603
        command, cwd=cwd, check=False, capture_output=True, text=True
    )
    if result.returncode != 0:
        logger.error("maven output:\n%s%s", result.stdout, result.stderr)
        raise FetchError(f"maven exited with {result.returncode}")


def fetch_kafka(root: Path, pins: Pins) -> Path:
    lib = cache.kafka_lib(root, pins)
    if cache.is_complete(lib):
        return lib
    lib.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=lib.parent, prefix=".lib-"))
    goal = f"{pins.dependency_plugin}:copy-dependencies"
    run_maven(
        [
            "-f",
            str(kafka_pom()),
            goal,
            "-DincludeScope=runtime",
            f"-Dkafka.version={pins.kafka.version}",
            f"-Dslf4j.version={pins.slf4j.version}",
            f"-DoutputDirectory={staging}",
        ],
        cwd=lib.parent,
    )
    cache.mark_complete(staging)
    shutil.rmtree(lib, ignore_errors=True)
    staging.rename(lib)
    return lib


def fetch_artifact(artifact: Artifact, target: Path, pins: Pins) -> Path:
    """Copy one artifact to target with Maven, then check its pinned sha256."""
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=".download-"))
    goal = f"{pins.dependency_plugin}:copy"
    coords = f"-Dartifact={artifact.coordinates}"
    run_maven([goal, coords, f"-DoutputDirectory={staging}"], cwd=staging)
    downloaded = staging / artifact.file_name
    verify_sha256(downloaded, artifact.sha256)
    downloaded.rename(target)
    shutil.rmtree(staging)
    return target


def unzip_keeping_modes(archive: Path, destination: Path) -> None:
    """Extract a zip, restoring the Unix permission bits (kc.sh must stay +x)."""
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.infolist():
            extracted = Path(bundle.extract(member, destination))
            mode = (member.external_attr >> 16) & 0o777
            if mode:
                extracted.chmod(mode)


def fetch_keycloak(root: Path, pins: Pins) -> Path:
    home = cache.keycloak_home(root, pins)
    if cache.is_complete(home):
        return home
    archive = fetch_artifact(pins.keycloak, cache.keycloak_zip(root, pins), pins)
    dist = home.parent
    shutil.rmtree(dist, ignore_errors=True)
    unzip_keeping_modes(archive, dist)
    cache.mark_complete(home)
    return home


def fetch_zipkin(root: Path, pins: Pins) -> Path:
    return fetch_artifact(pins.zipkin, cache.zipkin_jar(root, pins), pins)


def fetch_all(root: Path, pins: Pins) -> None:
    logger.info("cache: %s", root)
    logger.info("kafka jars: %s", fetch_kafka(root, pins))
    logger.info("keycloak: %s", fetch_keycloak(root, pins))
    logger.info("zipkin: %s", fetch_zipkin(root, pins))


def verify_cached(root: Path, pins: Pins) -> None:
    """Re-check the pinned checksums of what the cache holds."""
    verify_sha256(cache.keycloak_zip(root, pins), pins.keycloak.sha256)
    verify_sha256(cache.zipkin_jar(root, pins), pins.zipkin.sha256)
