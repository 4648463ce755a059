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
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class FieldError(BaseModel):
    location: str
    message: str


class ProblemDetails(BaseModel):
    """The body of every error response (RFC 9457)."""

    model_config = ConfigDict(extra="allow")

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    instance: str
    errors: list[FieldError] | None = None


PROBLEM_SCHEMA_REF = "#/components/schemas/ProblemDetails"


def _documented(description: str) -> dict[str, Any]:
    schema = {"schema": {"$ref": PROBLEM_SCHEMA_REF}}
    return {"description": description, "content": {PROBLEM_JSON: schema}}


def add_problem_schema(document: dict[str, Any]) -> dict[str, Any]:
    """Put ProblemDetails (and FieldError) into an OpenAPI document's schemas."""
    schemas = document.setdefault("components", {}).setdefault("schemas", {})
    problem = ProblemDetails.model_json_schema(
        ref_template="#/components/schemas/{model}"
    )
    schemas.update(problem.pop("$defs", {}))
    schemas["ProblemDetails"] = problem
    for item in document.get("paths", {}).values():
        for operation in item.values():
            _errors_are_problems(operation.get("responses", {}))
    return document


def _errors_are_problems(responses: dict[str, Any]) -> None:
    """A route may describe an error its own way; its body is still a problem."""
    for status, response in responses.items():
        if status[:1] in ("4", "5"):
            response["content"] = {
                PROBLEM_JSON: {"schema": {"$ref": PROBLEM_SCHEMA_REF}}
            }


# What any route may answer besides success; listed in every OpenAPI document.
PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _documented("No valid access token"),
    403: _documented("The caller's roles do not allow this"),
    404: _documented("Not found, or not visible to the caller"),
    409: _documented("Not allowed in the object's current state"),
    412: _documented("The If-Match version is stale"),
    422: _documented("The request is not valid; `errors` lists every problem"),
    428: _documented("This write needs an If-Match header"),
    503: _documented("A server this service depends on cannot be reached"),
}


class Problem(Exception):
    status = 500
    title = "Internal error"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class Unauthorized(Problem):
    """No token, or one that cannot be trusted (RFC 6750 section 3)."""

    status = 401
    title = "Not authenticated"

    def __init__(self, detail: str, *, invalid_token: bool = False) -> None:
        super().__init__(detail)
        self.invalid_token = invalid_token

    def challenge(self) -> str:
        """The `WWW-Authenticate` value: a client that sent a token learns
        it was refused, so it gets a new one instead of asking the user."""
        if not self.invalid_token:
            return 'Bearer realm="facturo"'
        reason = self.detail.replace("\\", "").replace('"', "'")
        return (
            'Bearer realm="facturo", error="invalid_token", '
            f'error_description="{reason}"'
        )


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
        headers = (
            {"WWW-Authenticate": error.challenge()}
            if isinstance(error, Unauthorized)
            else None
        )
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
