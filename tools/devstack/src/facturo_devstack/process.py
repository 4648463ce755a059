"""Starting detached processes and stopping their process groups."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from facturo_devstack import pidfile

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ProcessSpec:
    """How to start one server; marker is a string found in its command line."""

    name: str
    argv: list[str]
    marker: str
    cwd: Path | None = None
    env: dict[str, str] = field(default_factory=dict)


def spawn(spec: ProcessSpec, run_dir: Path, log_dir: Path) -> int:
    """Start spec in its own session, output appended to var/log/<name>.log."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{spec.name}.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(  # noqa: S603
            spec.argv,
            cwd=spec.cwd,
            env={**os.environ, **spec.env},
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    pidfile.write_pid(run_dir, spec.name, process.pid)
    logger.info("started %s (pid %d), log %s", spec.name, process.pid, log_path)
    return process.pid


def _signal_group(pid: int, signum: signal.Signals) -> None:
    try:
        os.killpg(pid, signum)
    except ProcessLookupError:
        pass
    except PermissionError:
        logger.warning("no permission to signal process group %d", pid)


async def _wait_gone(pid: int, seconds: float) -> bool:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while loop.time() < deadline:
        if not pidfile.is_alive(pid) and not _group_alive(pid):
            return True
        await asyncio.sleep(0.2)
    return False


def _group_alive(pgid: int) -> bool:
    """True while a non-zombie process of the group remains."""
    proc = Path("/proc")
    if not proc.is_dir():
        return pidfile.is_alive(pgid)
    return any(_live_in_group(stat, pgid) for stat in proc.glob("[0-9]*/stat"))


def _live_in_group(stat: Path, pgid: int) -> bool:
    try:
        fields = stat.read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] != "Z" and fields[2] == str(pgid)


async def stop_group(name: str, pid: int, grace: float = 20.0) -> None:
    """SIGTERM the process group, wait up to grace seconds, then SIGKILL it."""
    logger.info("stopping %s (pid %d)", name, pid)
    _signal_group(pid, signal.SIGTERM)
    if await _wait_gone(pid, grace):
        return
    logger.warning("%s did not stop in %.0fs; sending SIGKILL", name, grace)
    _signal_group(pid, signal.SIGKILL)
    await _wait_gone(pid, 5.0)
