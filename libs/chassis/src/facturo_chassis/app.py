"""The HTTP face every service shares: health, metrics, problems, tracing."""

import logging
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from prometheus_client import make_asgi_app
from sqlalchemy import text

from facturo_chassis.body_limit import BodyLimit
from facturo_chassis.logs import configure_logging
from facturo_chassis.problems import (
    PROBLEM_RESPONSES,
    add_problem_schema,
    install_problem_handlers,
)
from facturo_chassis.runtime import Runtime
from facturo_chassis.telemetry import configure_tracing

logger = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
READY_TIMEOUT_SECONDS = 2.0


def build_app(
    runtime: Runtime,
    *,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    domain_errors: Mapping[type[Exception], tuple[int, str]] = {},
) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with runtime.running():
            yield

    app = FastAPI(title=title, description=description, version="1", lifespan=lifespan)
    app.state.runtime = runtime
    app.state.verifier = runtime.verifier
    install_problem_handlers(app, domain_errors)
    for router in routers:
        app.include_router(router, prefix=API_PREFIX, responses=PROBLEM_RESPONSES)
    app.include_router(_health_router(runtime))
    app.mount("/metrics", make_asgi_app())
    app.add_middleware(BodyLimit)
    _document_problems(app)
    FastAPIInstrumentor.instrument_app(app, excluded_urls="health/.*,metrics")
    return app


def _document_problems(app: FastAPI) -> None:
    """Every error body in the OpenAPI document is a ProblemDetails."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = add_problem_schema(build())
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _health_router(runtime: Runtime) -> APIRouter:
    router = APIRouter(prefix="/health", tags=["health"])

    @router.get("/live")
    async def live() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/ready")
    async def ready() -> JSONResponse:
        checks = {"database": await _database_ok(runtime), "kafka": False}
        checks["kafka"] = await runtime.broker.ping(timeout=READY_TIMEOUT_SECONDS)
        status = 200 if all(checks.values()) else 503
        return JSONResponse({"ready": status == 200, "checks": checks}, status)

    return router


async def _database_ok(runtime: Runtime) -> bool:
    try:
        async with runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:
        logger.warning("database not ready", exc_info=True)
        return False
    return True


def serve(app: FastAPI, runtime: Runtime) -> None:
    """Run one service process (its `__main__`)."""
    settings = runtime.settings
    uvicorn.run(
        app,
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        proxy_headers=False,
    )


def prepare_process(service_name: str, log_level: str, log_json: bool | None) -> None:
    """Logging and tracing, before anything else of the service is built."""
    configure_logging(service_name, log_level, log_json)
    configure_tracing(service_name)
    HTTPXClientInstrumentor().instrument()
