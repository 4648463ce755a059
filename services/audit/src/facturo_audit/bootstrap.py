"""Wires the audit service: settings, runtime, routes and the consumer."""

from pathlib import Path

from fastapi import FastAPI

from facturo_audit.adapters.orm import Base
from facturo_audit.entrypoints import consumers, entries, privacy
from facturo_audit.settings import AuditSettings
from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"


def create_app(settings: AuditSettings | None = None) -> FastAPI:
    settings = settings or AuditSettings()
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    consumers.register(runtime)
    return build_app(
        runtime,
        title="Facturo audit",
        description="The append-only, hash-chained audit log and its verification.",
        routers=[entries.router, privacy.router],
    )


def main() -> None:
    settings = AuditSettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
