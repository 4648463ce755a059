"""FastAPI dependencies for the caller's identity, defined once."""

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from facturo_chassis.auth.principal import Principal
from facturo_chassis.auth.tokens import InvalidToken, KeysUnavailable, TokenVerifier
from facturo_chassis.problems import ServiceUnavailable, Unauthorized

_bearer = HTTPBearer(auto_error=False, description="Keycloak access token")


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("a bearer token is required")
    verifier: TokenVerifier = request.app.state.verifier
    try:
        return await verifier.verify(credentials.credentials)
    except InvalidToken as error:
        raise Unauthorized(f"invalid token: {error}", invalid_token=True) from None
    except KeysUnavailable as error:
        raise ServiceUnavailable(str(error)) from None


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]
