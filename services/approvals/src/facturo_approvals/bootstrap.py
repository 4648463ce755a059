"""Wires the approvals service: settings, runtime, routes and consumers."""

from pathlib import Path

from fastapi import FastAPI
from sqlalchemy.orm.exc import StaleDataError

from facturo_approvals.adapters.orm import Base
from facturo_approvals.domain.errors import (
    FourEyesViolation,
    InvalidPolicy,
    RequestClosed,
)
from facturo_approvals.domain.policy import PolicyBook
from facturo_approvals.entrypoints import approvals, consumers, privacy
from facturo_approvals.settings import ApprovalsSettings
from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"

DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    FourEyesViolation: (403, "Four-eyes rule"),
    RequestClosed: (409, "Not allowed in this status"),
    StaleDataError: (409, "Concurrent decision"),
    InvalidPolicy: (422, "Invalid approval policy"),
}


def create_app(
    settings: ApprovalsSettings | None = None, policies: PolicyBook | None = None
) -> FastAPI:
    settings = settings or ApprovalsSettings()
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    # TODO: every department runs the default policy until the admin API
    # stores per-department overrides; `policies` is where they will come in.
    consumers.register(runtime, policies or PolicyBook())
    return build_app(
        runtime,
        title="Facturo approvals",
        description="Approval requests of submitted invoices, under four-eyes.",
        routers=[approvals.router, privacy.router],
        domain_errors=DOMAIN_ERRORS,
    )


def main() -> None:
    settings = ApprovalsSettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
