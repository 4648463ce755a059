from pathlib import Path

import pytest

from facturo_devstack import pidfile, stack
from facturo_devstack.paths import Paths
from facturo_devstack.pins import load_pins


def paths_in(tmp_path: Path) -> Paths:
    return Paths(repo=tmp_path, var=tmp_path / "var", cache=tmp_path / "cache")


async def test_down_with_nothing_running_is_safe(tmp_path: Path) -> None:
    assert await stack.down(paths_in(tmp_path), load_pins()) == 0


async def test_down_removes_stale_pid_files(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    pidfile.write_pid(paths.run, "kafka", 999_999_99)

    assert await stack.down(paths, load_pins()) == 0
    assert pidfile.recorded_names(paths.run) == []


async def test_reset_refuses_a_folder_it_did_not_create(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    paths.var.mkdir()
    (paths.var / "precious.txt").write_text("keep")

    assert await stack.reset(paths, load_pins()) == 1
    assert (paths.var / "precious.txt").read_text() == "keep"


async def test_reset_deletes_its_own_state(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    paths.prepare_var()
    (paths.mail / "old.eml").write_text("x")

    assert await stack.reset(paths, load_pins()) == 0
    assert not paths.var.exists()


def test_status_lists_every_component(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stack.status(paths_in(tmp_path), load_pins())

    lines = capsys.readouterr().out.splitlines()
    names = [line.split()[0] for line in lines]
    assert names[:4] == ["kafka", "keycloak", "zipkin", "smtp"]
    assert "notifications" in names
    assert all(line.split()[1] == "stopped" for line in lines)


async def test_reset_of_a_var_holding_only_the_lock_succeeds(tmp_path: Path) -> None:
    paths = paths_in(tmp_path)
    paths.var.mkdir(parents=True)
    (paths.var / ".lock").touch()

    assert await stack.reset(paths, load_pins()) == 0
