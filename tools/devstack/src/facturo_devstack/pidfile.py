"""pid files under var/run: read, write, and check the process is still ours."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path


def pid_path(run_dir: Path, name: str) -> Path:
    return run_dir / f"{name}.pid"


def write_pid(run_dir: Path, name: str, pid: int) -> Path:
    path = pid_path(run_dir, name)
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = path.with_suffix(".pid.tmp")
    staging.write_text(f"{pid}\n")
    staging.replace(path)
    return path


def read_pid(run_dir: Path, name: str) -> int | None:
    """The recorded pid, or None if there is no pid file or it is garbled."""
    try:
        text = pid_path(run_dir, name).read_text().strip()
    except FileNotFoundError:
        return None
    return int(text) if text.isdigit() else None


def remove_pid(run_dir: Path, name: str) -> None:
    pid_path(run_dir, name).unlink(missing_ok=True)


def recorded_names(run_dir: Path) -> list[str]:
    if not run_dir.is_dir():
        return []
    return sorted(path.stem for path in run_dir.glob("*.pid"))


def command_line(pid: int) -> str | None:
    """The process's command line from /proc, or None where /proc is missing."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except FileNotFoundError:
        return None
    return raw.replace(b"\0", b" ").decode(errors="replace")


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not _is_zombie(pid)


def alive_check(pid: int) -> Callable[[], bool]:
    return lambda: is_alive(pid)


def _is_zombie(pid: int) -> bool:
    with contextlib.suppress(OSError):
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] == "Z"
    return False


def is_ours(pid: int, marker: str) -> bool:
    """Alive and its command line names marker (guards against pid reuse)."""
    if not is_alive(pid):
        return False
    line = command_line(pid)
    return line is None or marker in line


def running_pid(run_dir: Path, name: str, marker: str) -> int | None:
    """The pid of our live process for name, dropping a stale pid file."""
    pid = read_pid(run_dir, name)
    if pid is None:
        return None
    if is_ours(pid, marker):
        return pid
    remove_pid(run_dir, name)
    return None
