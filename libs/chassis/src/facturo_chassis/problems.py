"""Errors as RFC 9457 problem details, mapped to HTTP in this one place.

Services raise these (or their own domain errors, registered with a status in
`install_problem_handlers`); routes never build error responses themselves.
"""

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class Problem(Exception):
    status = 500
    title = "Internal error"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class Unauthorized(Problem):
    status = 401
    title = "Not authenticated"


class Forbidden(Problem):
    status = 403
    title = "Forbidden"


class NotFound(Problem):
    status = 404
    title = "Not found"


class Conflict(Problem):
    status = 409
    title = "Conflict"


class PreconditionFailed(Problem):
    status = 412
    title = "Precondition failed"


class PreconditionRequired(Problem):
    status = 428
    title = "Precondition required"


class ServiceUnavailable(Problem):
    status = 503
    title = "Service unavailable"


class Unprocessable(Problem):
    status = 422
    title = "Invalid request"


def problem_response(
    status: int,
    title: str,
    detail: str,
    instance: str,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    body = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extensions,
    }
    return JSONResponse(
        body, status_code=status, media_type=PROBLEM_JSON, headers=headers
    )


def install_problem_handlers(
    app: FastAPI, domain_errors: Mapping[type[Exception], tuple[int, str]] = {}
) -> None:
    """Map every error a route can raise to a problem-details response."""

    async def on_problem(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, Problem)
        headers = {"WWW-Authenticate": "Bearer"} if error.status == 401 else None
        return problem_response(
            error.status,
            error.title,
            error.detail,
            request.url.path,
            headers,
            **error.extensions,
        )

    async def on_validation(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        errors = [
            {"location": "/".join(str(p) for p in e["loc"]), "message": e["msg"]}
            for e in error.errors()
        ]
        return problem_response(
            422,
            "Invalid request",
            "the request is not valid",
            request.url.path,
            errors=errors,
        )

    async def on_http(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        return problem_response(
            error.status_code, str(error.detail), str(error.detail), request.url.path
        )

    def on_domain(status: int, title: str) -> Any:
        async def handler(request: Request, error: Exception) -> JSONResponse:
            logger.info("refused: %s", error)
            return problem_response(
                status, title, str(error), request.url.path, **_field_errors(error)
            )

        return handler

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    for error_type, (status, title) in domain_errors.items():
        app.add_exception_handler(error_type, on_domain(status, title))


def _field_errors(error: Exception) -> dict[str, Any]:
    """A domain error listing several field problems shows them all."""
    problems = getattr(error, "problems", None)
    if not problems:
        return {}
    return {
        "errors": [{"location": p.location, "message": p.message} for p in problems]
    }
