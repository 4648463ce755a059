"""Every service documents its errors as problem details, and only so."""

from pathlib import Path

import pytest

from .test_access_matrix import SERVICES

ERRORS = ("401", "403", "404", "409", "412", "422", "428", "503")
PROBLEM_REF = "#/components/schemas/ProblemDetails"


@pytest.mark.parametrize("service", SERVICES)
def test_every_operation_documents_problem_details(
    service: str, tmp_path: Path
) -> None:
    build, _ = SERVICES[service]
    document = build(f"sqlite+aiosqlite:///{tmp_path}/doc.db").openapi()

    operations = [
        (path, method, operation)
        for path, item in document["paths"].items()
        if path.startswith("/api/v1/")
        for method, operation in item.items()
    ]
    assert operations
    for path, method, operation in operations:
        for status in ERRORS:
            content = operation["responses"][status]["content"]
            assert content == {
                "application/problem+json": {"schema": {"$ref": PROBLEM_REF}}
            }, f"{method.upper()} {path} {status}"
    assert "HTTPValidationError" not in document["components"]["schemas"]
    assert "ProblemDetails" in document["components"]["schemas"]
