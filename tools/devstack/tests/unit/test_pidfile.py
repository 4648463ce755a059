import os
import subprocess
import sys
from pathlib import Path

from facturo_devstack import pidfile


def test_write_then_read_then_remove(tmp_path: Path) -> None:
    path = pidfile.write_pid(tmp_path, "kafka", 4242)

    assert path == tmp_path / "kafka.pid"
    assert path.read_text() == "4242\n"
    assert pidfile.read_pid(tmp_path, "kafka") == 4242
    pidfile.remove_pid(tmp_path, "kafka")
    assert pidfile.read_pid(tmp_path, "kafka") is None


def test_missing_or_garbled_pid_file_reads_as_none(tmp_path: Path) -> None:
    (tmp_path / "zipkin.pid").write_text("not a pid\n")

    assert pidfile.read_pid(tmp_path, "zipkin") is None
    assert pidfile.read_pid(tmp_path, "absent") is None


def test_recorded_names_lists_pid_files(tmp_path: Path) -> None:
    pidfile.write_pid(tmp_path, "smtp", 1)
    pidfile.write_pid(tmp_path, "kafka", 2)

    assert pidfile.recorded_names(tmp_path) == ["kafka", "smtp"]
    assert pidfile.recorded_names(tmp_path / "nothing") == []


def test_running_pid_checks_the_command_line_marker(tmp_path: Path) -> None:
    pidfile.write_pid(tmp_path, "me", os.getpid())

    assert pidfile.running_pid(tmp_path, "me", "python") == os.getpid()
    assert pidfile.running_pid(tmp_path, "me", "kafka.Kafka") is None
    assert not (tmp_path / "me.pid").exists()


def test_running_pid_drops_the_file_of_a_dead_process(tmp_path: Path) -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    pidfile.write_pid(tmp_path, "gone", child.pid)

    assert pidfile.running_pid(tmp_path, "gone", "") is None
    assert not (tmp_path / "gone.pid").exists()
