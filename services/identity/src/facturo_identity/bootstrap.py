"""Wires the identity service: settings, runtime, directory and routes."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI

from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime
from facturo_chassis.service_client import service_client
from facturo_identity.adapters.cache import CachingDirectory
from facturo_identity.adapters.directory import Directory
from facturo_identity.adapters.keycloak import KeycloakDirectory
from facturo_identity.adapters.orm import Base
from facturo_identity.domain.errors import (
    DirectoryUnavailable,
    InvalidDelegation,
    UnknownUser,
)
from facturo_identity.entrypoints import delegations, departments, me, users
from facturo_identity.settings import IdentitySettings

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"

DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    UnknownUser: (404, "Not found"),
    DirectoryUnavailable: (503, "Directory unavailable"),
    InvalidDelegation: (422, "Invalid delegation"),
}


def create_app(
    settings: IdentitySettings | None = None, directory: Directory | None = None
) -> FastAPI:
    """`directory` replaces Keycloak (tests); the app then does not own it."""
    settings = settings or IdentitySettings()
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    app = build_app(
        runtime,
        title="Facturo identity",
        description=(
            "Who the caller is, the departments, the user directory and the "
            "delegations of approval authority."
        ),
        routers=[me.router, departments.router, users.router, delegations.router],
        domain_errors=DOMAIN_ERRORS,
    )
    if directory is None:
        keycloak = keycloak_directory(settings)
        _close_on_shutdown(app, keycloak)
        directory = keycloak
    app.state.directory = CachingDirectory(
        directory, settings.departments_cache_seconds
    )
    return app


def keycloak_directory(settings: IdentitySettings) -> KeycloakDirectory:
    return KeycloakDirectory(service_client(settings, settings.keycloak_admin_url))


def _close_on_shutdown(app: FastAPI, keycloak: KeycloakDirectory) -> None:
    """Close Keycloak's connections after the chassis' own shutdown."""
    # TODO: build_app takes no shutdown hooks, so its lifespan is wrapped here;
    # a chassis hook would spare every service that owns a client this code.
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            async with inner(app):
                yield
        finally:
            await keycloak.aclose()

    app.router.lifespan_context = lifespan


def main() -> None:
    settings = IdentitySettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
