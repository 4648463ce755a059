"""A throwaway PostgreSQL server on 127.0.0.1, for the integration tests.

It uses the machine's PostgreSQL binaries (Debian's `postgresql` package) and
a temporary data folder; PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` system user.
"""

import contextlib
import getpass
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

USER = "facturo"
SERVER_ACCOUNT = "postgres"


def binaries() -> Path:
    on_path = shutil.which("pg_ctl")
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    found = candidates[-1] if candidates else on_path
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: apt-get install postgresql (Debian)"
        )
    return Path(found).resolve().parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextlib.contextmanager
def temporary_server() -> Iterator[str]:
    """Start a server; yield `postgresql+asyncpg://facturo@127.0.0.1:<port>`."""
    bin_dir, port = binaries(), free_port()
    with tempfile.TemporaryDirectory(prefix="facturo-pg-") as folder:
        data = Path(folder) / "data"
        _as_server_account(folder)
        _run(
            bin_dir / "initdb",
            "-D",
            str(data),
            "-U",
            USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        options = f"-h 127.0.0.1 -p {port} -k {folder} -F -c fsync=off"
        _run(
            bin_dir / "pg_ctl",
            "-D",
            str(data),
            "-o",
            options,
            "-w",
            "-l",
            str(Path(folder) / "server.log"),
            "start",
        )
        try:
            yield f"postgresql+asyncpg://{USER}@127.0.0.1:{port}"
        finally:
            _run(bin_dir / "pg_ctl", "-D", str(data), "-m", "immediate", "stop")


def _as_server_account(folder: str) -> None:
    if os.geteuid() == 0:
        shutil.chown(folder, user=SERVER_ACCOUNT)


def _run(program: Path, *args: str) -> None:
    command = [str(program), *args]
    if os.geteuid() == 0 and getpass.getuser() != SERVER_ACCOUNT:
        command = ["runuser", "-u", SERVER_ACCOUNT, "--", *command]
    subprocess.run(command, check=True, capture_output=True)  # noqa: S603
