"""Oversized request bodies are refused before any route parses them."""

import httpx
from fastapi import FastAPI
from starlette.requests import Request

from facturo_chassis.body_limit import BodyLimit


def app_with_limit(max_bytes: int) -> FastAPI:
    app = FastAPI()

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"received": len(await request.body())}

    app.add_middleware(BodyLimit, max_bytes=max_bytes)
    return app


async def post(app: FastAPI, **kwargs: object) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.post("/echo", **kwargs)  # type: ignore[arg-type]


async def test_a_body_within_the_limit_goes_through() -> None:
    response = await post(app_with_limit(10), content=b"x" * 10)

    assert response.json() == {"received": 10}


async def test_a_declared_oversized_body_gets_a_413_problem() -> None:
    response = await post(app_with_limit(10), content=b"x" * 11)

    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "up to 10 bytes" in response.json()["detail"]


async def test_an_undeclared_oversized_body_is_counted_and_refused() -> None:
    async def chunks():  # type: ignore[no-untyped-def]
        for _ in range(4):
            yield b"x" * 5

    response = await post(app_with_limit(10), content=chunks())

    assert response.status_code == 413
