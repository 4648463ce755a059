from pathlib import Path

from facturo_devstack import cache, keycloak


def test_arguments_bind_loopback_and_enable_health() -> None:
    args = keycloak.arguments()

    assert args[:2] == ["start-dev", "--import-realm"]
    assert "--http-host=127.0.0.1" in args
    assert "--http-management-host=127.0.0.1" in args
    assert "--http-management-port=9000" in args
    assert "--health-enabled=true" in args


def test_environment_bounds_the_heap_and_sets_the_demo_admin() -> None:
    env = keycloak.environment()

    assert env["JAVA_OPTS_KC_HEAP"] == "-Xms256m -Xmx768m"
    assert env["KC_BOOTSTRAP_ADMIN_USERNAME"] == "admin"
    assert env["KC_BOOTSTRAP_ADMIN_PASSWORD"] == "admin"


def test_home_is_copied_once_and_realms_are_staged(tmp_path: Path) -> None:
    source = tmp_path / "cache" / "keycloak-1"
    (source / "bin").mkdir(parents=True)
    (source / "bin" / "kc.sh").write_text("#!/bin/sh\n")
    realms = tmp_path / "deploy"
    realms.mkdir()
    (realms / "facturo-realm.json").write_text("{}")
    home = tmp_path / "var" / "keycloak" / "keycloak-1"

    keycloak.prepare_home(source, home)
    (home / "data").mkdir()
    (home / "data" / "h2.db").write_text("state")
    keycloak.prepare_home(source, home)
    staged = keycloak.stage_realms(realms, home)

    assert cache.is_complete(home)
    assert (home / "data" / "h2.db").read_text() == "state"
    assert not (source / "data").exists()
    assert staged == [realms / "facturo-realm.json"]
    assert (home / "data/import/facturo-realm.json").read_text() == "{}"
