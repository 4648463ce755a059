import sys
from pathlib import Path

from facturo_devstack import services
from facturo_devstack.paths import Paths


def paths_in(tmp_path: Path) -> Paths:
    return Paths(repo=tmp_path, var=tmp_path / "var", cache=tmp_path / "cache")


def test_the_five_services_and_their_ports() -> None:
    assert services.SERVICES == [
        ("identity", "facturo_identity", 8001),
        ("invoicing", "facturo_invoicing", 8002),
        ("approvals", "facturo_approvals", 8003),
        ("audit", "facturo_audit", 8004),
        ("notifications", "facturo_notifications", 8005),
    ]


def test_service_environment(tmp_path: Path) -> None:
    env = services.service_env(paths_in(tmp_path), "invoicing", 8002)

    assert env["FACTURO_HTTP_PORT"] == "8002"
    assert env["FACTURO_DATABASE_URL"] == (
        f"sqlite+aiosqlite:///{tmp_path}/var/data/invoicing.db"
    )
    assert env["FACTURO_KAFKA_BOOTSTRAP"] == "127.0.0.1:9092"
    assert env["FACTURO_OIDC_ISSUER"] == "http://127.0.0.1:8080/realms/facturo"
    assert env["FACTURO_SMTP_HOST"] == "127.0.0.1"
    assert env["FACTURO_SMTP_PORT"] == "1025"
    assert env["FACTURO_SERVICE_CLIENT_ID"] == "facturo-invoicing"
    assert env["FACTURO_SERVICE_CLIENT_SECRET"] == "facturo-invoicing-dev-secret"
    assert env["OTEL_SERVICE_NAME"] == "invoicing"
    assert env["OTEL_TRACES_EXPORTER"] == "zipkin"
    assert env["OTEL_EXPORTER_ZIPKIN_ENDPOINT"] == (
        "http://127.0.0.1:9411/api/v2/spans"
    )


def test_service_runs_from_the_repo_venv(tmp_path: Path) -> None:
    spec = services.service_spec(paths_in(tmp_path), "audit", "facturo_audit", 8004)

    assert spec.argv == [str(tmp_path / ".venv/bin/python"), "-m", "facturo_audit"]
    assert spec.marker == "facturo_audit"
    assert spec.cwd == tmp_path


def test_missing_module_is_skipped(tmp_path: Path) -> None:
    assert not services.is_importable(tmp_path / "no-python", "facturo_identity")
    assert not services.is_importable(Path(sys.executable), "facturo_nowhere")


def test_runnable_module_or_package_is_found() -> None:
    python = Path(sys.executable)

    assert services.is_importable(python, "json.tool")
    assert services.is_importable(python, "facturo_devstack")
    assert not services.is_importable(python, "email")


async def test_start_service_skips_what_cannot_be_imported(tmp_path: Path) -> None:
    started = await services.start_service(
        paths_in(tmp_path), "identity", "facturo_identity", 8001
    )

    assert started is False
    assert not (tmp_path / "var" / "run" / "identity.pid").exists()
