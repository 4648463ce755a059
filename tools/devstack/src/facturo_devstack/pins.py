"""Reads pins.toml, the one file where server versions and checksums live."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Artifact:
    group: str
    artifact: str
    version: str
    packaging: str = "jar"
    classifier: str = ""
    sha256: str = ""

    @property
    def coordinates(self) -> str:
        """Maven's group:artifact:version:packaging[:classifier] form."""
        parts = [self.group, self.artifact, self.version, self.packaging]
        return ":".join([*parts, self.classifier] if self.classifier else parts)

    @property
    def file_name(self) -> str:
        suffix = f"-{self.classifier}" if self.classifier else ""
        return f"{self.artifact}-{self.version}{suffix}.{self.packaging}"


@dataclass(frozen=True)
class Pins:
    kafka: Artifact
    slf4j: Artifact
    keycloak: Artifact
    zipkin: Artifact
    dependency_plugin: str


def parse_pins(text: str) -> Pins:
    raw = tomllib.loads(text)
    return Pins(
        kafka=Artifact(**raw["kafka"]),
        slf4j=Artifact(**raw["slf4j"]),
        keycloak=Artifact(**raw["keycloak"]),
        zipkin=Artifact(**raw["zipkin"]),
        dependency_plugin=raw["maven"]["dependency_plugin"],
    )


@cache
def load_pins() -> Pins:
    text = resources.files(__package__).joinpath("pins.toml").read_text()
    return parse_pins(text)
