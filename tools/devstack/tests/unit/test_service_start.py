"""start_service against a stand-in service module on a free port."""

import socket
import sys
from pathlib import Path

import httpx
import pytest

from facturo_devstack import pidfile, services
from facturo_devstack.paths import Paths
from facturo_devstack.process import stop_group

FAKE_SERVICE = """
import http.server, json, os

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        keys = ("FACTURO_DATABASE_URL", "OTEL_SERVICE_NAME")
        body = json.dumps({key: os.environ[key] for key in keys}).encode()
        self.send_response(200 if self.path == "/health/ready" else 404)
        self.end_headers()
        self.wfile.write(body)

port = int(os.environ["FACTURO_HTTP_PORT"])
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").symlink_to(sys.executable)
    (tmp_path / "modules").mkdir()
    (tmp_path / "modules" / "facturo_fake.py").write_text(FAKE_SERVICE)
    monkeypatch.setenv("PYTHONPATH", str(tmp_path / "modules"))
    return Paths(repo=tmp_path, var=tmp_path / "var", cache=tmp_path / "cache")


async def test_service_starts_with_its_environment(paths: Paths) -> None:
    port = free_port()

    started = await services.start_service(paths, "fake", "facturo_fake", port)
    pid = pidfile.read_pid(paths.run, "fake")
    try:
        async with httpx.AsyncClient() as client:
            response = await client.get(f"http://127.0.0.1:{port}/health/ready")
        again = await services.start_service(paths, "fake", "facturo_fake", port)
    finally:
        assert pid is not None
        await stop_group("fake", pid, grace=5)

    assert started is True
    assert again is True
    assert response.json() == {
        "FACTURO_DATABASE_URL": f"sqlite+aiosqlite:///{paths.data}/fake.db",
        "OTEL_SERVICE_NAME": "fake",
    }


async def test_a_service_that_dies_is_reported_not_started(paths: Paths) -> None:
    (paths.repo / "modules" / "facturo_broken.py").write_text("raise SystemExit(3)")

    started = await services.start_service(paths, "broken", "facturo_broken", 1)

    assert started is False
    assert (paths.log / "broken.log").exists()
