import re

from facturo_devstack.pins import Artifact, load_pins


def test_pinned_versions_and_checksums() -> None:
    pins = load_pins()

    assert pins.kafka.version.startswith("4.")
    assert pins.keycloak.version.startswith("26.")
    assert pins.zipkin.coordinates == "io.zipkin:zipkin-server:3.5.1:jar:exec"
    assert re.fullmatch("[0-9a-f]{64}", pins.keycloak.sha256)
    assert re.fullmatch("[0-9a-f]{64}", pins.zipkin.sha256)
    assert pins.dependency_plugin.startswith("org.apache.maven.plugins:")


def test_file_names_follow_maven_layout() -> None:
    dist = Artifact("org.keycloak", "keycloak-quarkus-dist", "26.7.3", "zip")
    server = Artifact("io.zipkin", "zipkin-server", "3.5.1", "jar", "exec")

    assert dist.file_name == "keycloak-quarkus-dist-26.7.3.zip"
    assert dist.coordinates == "org.keycloak:keycloak-quarkus-dist:26.7.3:zip"
    assert server.file_name == "zipkin-server-3.5.1-exec.jar"
