"""A refused request says why in `WWW-Authenticate` (RFC 6750)."""

import httpx
from fastapi import FastAPI

from facturo_chassis.dependencies import CurrentPrincipal
from facturo_chassis.problems import install_problem_handlers
from facturo_chassis.testing import DEMO_PRINCIPALS, StaticVerifier, auth


def make_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.verifier = StaticVerifier(DEMO_PRINCIPALS)

    @app.get("/me")
    async def me(principal: CurrentPrincipal) -> str:
        return principal.username

    return app


async def get_me(headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=make_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get("/me", headers=headers)


async def test_no_token_is_challenged_without_an_error() -> None:
    response = await get_me({})

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == 'Bearer realm="facturo"'


async def test_a_refused_token_is_named_invalid_token() -> None:
    response = await get_me(auth("nobody"))

    assert response.status_code == 401
    assert response.headers["www-authenticate"] == (
        'Bearer realm="facturo", error="invalid_token", '
        'error_description="invalid token: unknown test token"'
    )
    assert response.json()["detail"] == "invalid token: unknown test token"


async def test_a_known_token_passes() -> None:
    response = await get_me(auth("claire"))

    assert response.status_code == 200
    assert response.json() == "claire"
