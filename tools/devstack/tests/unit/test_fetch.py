import hashlib
import stat
import zipfile
from pathlib import Path

import pytest

from facturo_devstack import fetch
from facturo_devstack.pins import Artifact, load_pins


def test_verify_sha256_accepts_the_right_digest(tmp_path: Path) -> None:
    path = tmp_path / "a.jar"
    path.write_bytes(b"jar bytes")

    fetch.verify_sha256(path, hashlib.sha256(b"jar bytes").hexdigest())
    with pytest.raises(fetch.FetchError, match="pinned 00"):
        fetch.verify_sha256(path, "00" * 32)


def test_unzip_restores_the_executable_bit(tmp_path: Path) -> None:
    archive = tmp_path / "dist.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        script = zipfile.ZipInfo("kc/bin/kc.sh")
        script.external_attr = (stat.S_IFREG | 0o755) << 16
        bundle.writestr(script, "#!/bin/sh\n")
        bundle.writestr("kc/conf/keycloak.conf", "# conf\n")

    fetch.unzip_keeping_modes(archive, tmp_path / "out")

    mode = (tmp_path / "out/kc/bin/kc.sh").stat().st_mode & 0o777
    assert mode == 0o755
    assert (tmp_path / "out/kc/conf/keycloak.conf").read_text() == "# conf\n"


def test_present_artifact_is_not_downloaded_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_maven(args: list[str], cwd: Path) -> None:
        raise AssertionError("maven must not run")

    monkeypatch.setattr(fetch, "run_maven", no_maven)
    target = tmp_path / "zipkin.jar"
    target.write_bytes(b"cached")
    artifact = Artifact("io.zipkin", "zipkin-server", "3.5.1", "jar", "exec")

    assert fetch.fetch_artifact(artifact, target, load_pins()) == target


def test_downloaded_artifact_with_wrong_digest_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    artifact = Artifact("g", "a", "1", "jar", sha256="11" * 32)

    def fake_maven(args: list[str], cwd: Path) -> None:
        (cwd / artifact.file_name).write_bytes(b"tampered")

    monkeypatch.setattr(fetch, "run_maven", fake_maven)

    with pytest.raises(fetch.FetchError, match=r"a-1\.jar"):
        fetch.fetch_artifact(artifact, tmp_path / "a.jar", load_pins())
    assert not (tmp_path / "a.jar").exists()


def test_kafka_pom_is_the_one_in_tools_devstack() -> None:
    pom = fetch.kafka_pom()

    assert pom.parts[-3:] == ("devstack", "maven", "pom.xml")
    assert "${kafka.version}" in pom.read_text()
