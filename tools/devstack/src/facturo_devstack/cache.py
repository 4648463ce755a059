"""Where each pinned download lives inside the cache folder."""

from __future__ import annotations

from pathlib import Path

from facturo_devstack.pins import Pins

COMPLETE = ".complete"


def kafka_lib(cache: Path, pins: Pins) -> Path:
    name = f"kafka-{pins.kafka.version}-slf4j-{pins.slf4j.version}"
    return cache / name / "lib"


def keycloak_zip(cache: Path, pins: Pins) -> Path:
    return cache / f"keycloak-{pins.keycloak.version}" / pins.keycloak.file_name


def keycloak_home(cache: Path, pins: Pins) -> Path:
    """The unzipped distribution, left untouched: runs use a copy under var/."""
    version = pins.keycloak.version
    return cache / f"keycloak-{version}" / "dist" / f"keycloak-{version}"


def zipkin_jar(cache: Path, pins: Pins) -> Path:
    return cache / f"zipkin-{pins.zipkin.version}" / pins.zipkin.file_name


def is_complete(folder: Path) -> bool:
    return (folder / COMPLETE).is_file()


def mark_complete(folder: Path) -> None:
    (folder / COMPLETE).touch()
