import asyncio
import sys
from pathlib import Path

from facturo_devstack import pidfile
from facturo_devstack.process import ProcessSpec, spawn, stop_group

IGNORE_TERM = (
    "import signal, time\n"
    "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
    "print('ignoring', flush=True)\n"
    "time.sleep(60)\n"
)


def sleeper(name: str, code: str = "import time; time.sleep(60)") -> ProcessSpec:
    return ProcessSpec(name, [sys.executable, "-c", code], "time.sleep")


async def test_spawn_records_pid_and_logs_output(tmp_path: Path) -> None:
    code = "import sys, time; print('hello', flush=True); time.sleep(60)"
    pid = spawn(sleeper("echo", code), tmp_path / "run", tmp_path / "log")
    try:
        assert pidfile.read_pid(tmp_path / "run", "echo") == pid
        assert pidfile.running_pid(tmp_path / "run", "echo", "time.sleep") == pid
        for _ in range(50):
            if (tmp_path / "log" / "echo.log").read_text():
                break
            await asyncio.sleep(0.1)
        assert (tmp_path / "log" / "echo.log").read_text() == "hello\n"
    finally:
        await stop_group("echo", pid, grace=5)
    assert not pidfile.is_alive(pid)


async def test_stop_group_escalates_to_sigkill(tmp_path: Path) -> None:
    pid = spawn(sleeper("stubborn", IGNORE_TERM), tmp_path, tmp_path)
    for _ in range(50):
        if "ignoring" in (tmp_path / "stubborn.log").read_text():
            break
        await asyncio.sleep(0.1)

    await stop_group("stubborn", pid, grace=0.5)

    assert not pidfile.is_alive(pid)


async def test_stop_group_of_a_gone_process_returns(tmp_path: Path) -> None:
    pid = spawn(sleeper("brief", "pass"), tmp_path, tmp_path)
    await asyncio.sleep(0.5)

    await stop_group("brief", pid, grace=1)

    assert not pidfile.is_alive(pid)
