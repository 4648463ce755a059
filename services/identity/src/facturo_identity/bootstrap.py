"""Wires the identity service: settings, runtime, directory and routes."""

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import FastAPI

from facturo_chassis.app import build_app, prepare_process, serve
from facturo_chassis.runtime import Runtime
from facturo_chassis.service_client import service_client
from facturo_identity.adapters.cache import CachingDirectory
from facturo_identity.adapters.crypto import FieldCipher
from facturo_identity.adapters.directory import ManagedDirectory
from facturo_identity.adapters.keycloak_admin import KeycloakAdmin
from facturo_identity.adapters.orm import Base
from facturo_identity.adapters.privacy import HttpCollectors, PersonalDataCollectors
from facturo_identity.domain.errors import (
    DepartmentExists,
    DirectoryUnavailable,
    InvalidDelegation,
    InvalidDepartment,
    InvalidLegalEntity,
    InvalidPerson,
    LegalEntityExists,
    NotABusinessRole,
    PrivacyUnavailable,
    SelfLockout,
    UnknownDepartment,
    UnknownErasure,
    UnknownLegalEntity,
    UnknownUser,
)
from facturo_identity.entrypoints import (
    administration,
    delegations,
    departments,
    legal_entities,
    me,
    privacy,
    users,
)
from facturo_identity.service_layer.demo import (
    assign_demo_departments,
    seed_demo_company,
)
from facturo_identity.service_layer.legal_entities import announce_legal_entities
from facturo_identity.settings import IdentitySettings

MIGRATIONS = Path(__file__).parent / "adapters" / "migrations"

DOMAIN_ERRORS: dict[type[Exception], tuple[int, str]] = {
    UnknownUser: (404, "Not found"),
    UnknownDepartment: (404, "Not found"),
    UnknownLegalEntity: (404, "Not found"),
    UnknownErasure: (404, "Not found"),
    PrivacyUnavailable: (503, "A service is unavailable"),
    InvalidPerson: (422, "Invalid person"),
    DirectoryUnavailable: (503, "Directory unavailable"),
    InvalidDelegation: (422, "Invalid delegation"),
    InvalidDepartment: (422, "Invalid department"),
    InvalidLegalEntity: (422, "Invalid legal entity"),
    NotABusinessRole: (422, "Not a business role"),
    DepartmentExists: (409, "Department exists"),
    LegalEntityExists: (409, "Legal entity exists"),
    SelfLockout: (409, "Would lock the admin out"),
}

ROUTERS = [
    me.router,
    departments.router,
    users.router,
    administration.router,
    delegations.router,
    legal_entities.router,
    privacy.router,
]


def create_app(
    settings: IdentitySettings | None = None,
    directory: ManagedDirectory | None = None,
    collectors: PersonalDataCollectors | None = None,
) -> FastAPI:
    """`directory` replaces Keycloak and `collectors` the other services
    (tests); the app then does not own them."""
    settings = settings or IdentitySettings()
    runtime = Runtime.create(settings, Base.metadata, MIGRATIONS)
    app = build_app(
        runtime,
        title="Facturo identity",
        description=(
            "Who the caller is, the departments and legal entities, the user "
            "directory, its administration and the delegations of approval "
            "authority."
        ),
        routers=ROUTERS,
        domain_errors=DOMAIN_ERRORS,
    )
    keycloak = None
    if directory is None:
        keycloak = directory = keycloak_admin(settings)
    app.state.directory = CachingDirectory(
        directory, settings.departments_cache_seconds
    )
    app.state.cipher = FieldCipher(settings.encryption_key)
    owned = None
    if collectors is None:
        owned = collectors = http_collectors(settings)
    app.state.privacy_collectors = collectors
    _around_lifespan(app, runtime, settings, keycloak, owned)
    return app


def keycloak_admin(settings: IdentitySettings) -> KeycloakAdmin:
    return KeycloakAdmin(service_client(settings, settings.keycloak_admin_url))


def http_collectors(settings: IdentitySettings) -> HttpCollectors:
    return HttpCollectors(
        {
            name: service_client(settings, url)
            for name, url in settings.privacy_services.items()
        }
    )


def _around_lifespan(
    app: FastAPI,
    runtime: Runtime,
    settings: IdentitySettings,
    keycloak: KeycloakAdmin | None,
    collectors: HttpCollectors | None,
) -> None:
    """Announce earlier legal entities and seed the demo company and its
    departments after the migrations; close the clients of Keycloak and of
    the other services."""
    # TODO: build_app takes no start-up or shutdown hooks, so its lifespan is
    # wrapped here; a chassis hook would spare every service this code.
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        try:
            async with inner(app):
                await announce_legal_entities(runtime.unit_of_work(None))
                if settings.is_development:
                    await seed_demo_company(
                        runtime.unit_of_work(None), app.state.cipher
                    )
                    await assign_demo_departments(
                        runtime.unit_of_work(None), app.state.directory
                    )
                yield
        finally:
            if keycloak is not None:
                await keycloak.aclose()
            if collectors is not None:
                await collectors.aclose()

    app.router.lifespan_context = lifespan


def main() -> None:
    settings = IdentitySettings()
    prepare_process(settings.service_name, settings.log_level, settings.log_json)
    app = create_app(settings)
    serve(app, app.state.runtime)
