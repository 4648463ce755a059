"""Access-token verification against the realm's published keys.

Checks the signature with a key from the realm's JWKS (cached, fetched again
once when a token names an unknown `kid`), the issuer, the audience, expiry and
not-before, and only accepts asymmetric algorithms: `none` and HMAC are refused
outright, so a token signed with the public key as an HMAC secret never passes.
"""

import asyncio
import logging
import time
from typing import Any

import httpx
import jwt

from facturo_chassis.auth.principal import Principal

logger = logging.getLogger(__name__)

ALLOWED_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256")
# Unknown key ids trigger at most one fetch per interval, however many arrive.
MIN_REFRESH_INTERVAL_SECONDS = 10.0
LEEWAY_SECONDS = 5


class InvalidToken(Exception):
    """The token cannot be trusted; the message says why (never the token)."""


class KeysUnavailable(Exception):
    """The realm's keys cannot be fetched now: no token can be checked."""


# What each refusal means, in words a client developer can act on.
REASONS: dict[type[jwt.PyJWTError], str] = {
    jwt.ExpiredSignatureError: "the token has expired",
    jwt.ImmatureSignatureError: "the token is not valid yet",
    jwt.InvalidAudienceError: "the token is not meant for this API",
    jwt.InvalidIssuerError: "the token was issued by another realm",
    jwt.InvalidSignatureError: "the token's signature does not match",
    jwt.MissingRequiredClaimError: "the token lacks a required claim",
}


class JwksCache:
    def __init__(
        self,
        url: str,
        client: httpx.AsyncClient | None = None,
        min_refresh_interval: float = MIN_REFRESH_INTERVAL_SECONDS,
    ) -> None:
        self._url = url
        self._min_refresh_interval = min_refresh_interval
        self._client = client
        self._keys: dict[str, jwt.PyJWK] = {}
        self._fetched_at = -float("inf")
        self._lock = asyncio.Lock()

    async def key(self, kid: str) -> jwt.PyJWK:
        if kid not in self._keys:
            await self._refresh()
        try:
            return self._keys[kid]
        except KeyError:
            raise InvalidToken("unknown signing key") from None

    async def _refresh(self) -> None:
        async with self._lock:
            if time.monotonic() - self._fetched_at < self._min_refresh_interval:
                return
            document = await self._fetch_or_fail()
            keys = jwt.PyJWKSet.from_dict(document).keys
            self._keys = {k.key_id: k for k in keys if k.key_id}
            self._fetched_at = time.monotonic()
            logger.info("signing keys refreshed", extra={"keys": len(self._keys)})

    async def _fetch(self) -> dict[str, Any]:
        if self._client is not None:
            response = await self._client.get(self._url)
        else:
            async with httpx.AsyncClient(timeout=5.0) as client:
                response = await client.get(self._url)
        response.raise_for_status()
        document: dict[str, Any] = response.json()
        return document

    async def _fetch_or_fail(self) -> dict[str, Any]:
        try:
            return await self._fetch()
        except (httpx.HTTPError, ValueError) as error:
            logger.error("cannot fetch signing keys: %s", type(error).__name__)
            raise KeysUnavailable(
                "the realm's signing keys cannot be fetched"
            ) from None


class TokenVerifier:
    def __init__(self, issuer: str, audience: str, keys: JwksCache) -> None:
        self._issuer = issuer
        self._audience = audience
        self._keys = keys

    async def verify(self, token: str) -> Principal:
        header = self._header(token)
        key = await self._keys.key(str(header["kid"]))
        try:
            claims: dict[str, object] = jwt.decode(
                token,
                key=key,
                algorithms=[header["alg"]],
                audience=self._audience,
                issuer=self._issuer,
                leeway=LEEWAY_SECONDS,
                options={"require": ["exp", "iat", "iss", "sub", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise InvalidToken(_reason(error)) from None
        return Principal.from_claims(claims)

    @staticmethod
    def _header(token: str) -> dict[str, Any]:
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError:
            raise InvalidToken("malformed token") from None
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise InvalidToken("algorithm not allowed")
        if not header.get("kid"):
            raise InvalidToken("no key id")
        return header


def _reason(error: jwt.PyJWTError) -> str:
    for kind, reason in REASONS.items():
        if isinstance(error, kind):
            return reason
    return "the token cannot be verified"
