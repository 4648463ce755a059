"""Token verification refuses every forged, stale or foreign token."""

import base64
import json
import time
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from facturo_chassis.auth.principal import Role
from facturo_chassis.auth.tokens import (
    InvalidToken,
    JwksCache,
    KeysUnavailable,
    TokenVerifier,
)

ISSUER = "http://127.0.0.1:8080/realms/facturo"
AUDIENCE = "facturo-api"


class Realm:
    """Signs tokens and serves its JWKS, like the realm does."""

    def __init__(self) -> None:
        self.keys: dict[str, rsa.RSAPrivateKey] = {}
        self.jwks_requests = 0
        self.rotate("k1")

    def rotate(self, kid: str) -> None:
        self.keys[kid] = rsa.generate_private_key(public_exponent=65537, key_size=2048)

    def jwks(self) -> dict[str, Any]:
        keys = []
        for kid, key in self.keys.items():
            jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
            keys.append({**jwk, "kid": kid, "alg": "RS256", "use": "sig"})
        return {"keys": keys}

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            self.jwks_requests += 1
            return httpx.Response(200, json=self.jwks())

        return httpx.MockTransport(handle)

    def token(self, kid: str = "k1", **overrides: Any) -> str:
        now = int(time.time())
        claims = {
            "iss": ISSUER,
            "aud": ["facturo-api", "account"],
            "sub": "u-claire",
            "iat": now,
            "exp": now + 300,
            "preferred_username": "claire",
            "roles": ["clerk", "offline_access"],
            "departments": ["SAL"],
            **overrides,
        }
        return jwt.encode(
            claims, self.keys[kid], algorithm="RS256", headers={"kid": kid}
        )


@pytest.fixture
def realm() -> Realm:
    return Realm()


def make_verifier(realm: Realm, min_refresh_interval: float = 10.0) -> TokenVerifier:
    client = httpx.AsyncClient(transport=realm.transport())
    keys = JwksCache(f"{ISSUER}/certs", client, min_refresh_interval)
    return TokenVerifier(ISSUER, AUDIENCE, keys)


@pytest.fixture
def verifier(realm: Realm) -> TokenVerifier:
    return make_verifier(realm)


async def test_a_good_token_gives_the_principal(
    realm: Realm, verifier: TokenVerifier
) -> None:
    principal = await verifier.verify(realm.token())

    assert principal.subject == "u-claire"
    assert principal.roles == frozenset({Role.CLERK})
    assert principal.departments == frozenset({"SAL"})


async def test_keys_are_cached(realm: Realm, verifier: TokenVerifier) -> None:
    await verifier.verify(realm.token())
    await verifier.verify(realm.token())

    assert realm.jwks_requests == 1


async def test_bad_signature_is_refused(realm: Realm, verifier: TokenVerifier) -> None:
    header, payload, signature = realm.token().split(".")
    forged = f"{header}.{payload}.{signature[:-4]}AAAA"

    with pytest.raises(InvalidToken):
        await verifier.verify(forged)


async def test_alg_none_is_refused(realm: Realm, verifier: TokenVerifier) -> None:
    token = jwt.encode({"sub": "x", "iss": ISSUER}, None, algorithm="none")

    with pytest.raises(InvalidToken, match="algorithm"):
        await verifier.verify(token)


async def test_hmac_signed_with_the_public_key_is_refused(
    realm: Realm, verifier: TokenVerifier
) -> None:
    public_pem = (
        realm.keys["k1"].public_key().public_bytes(Encoding.PEM, PublicFormat.PKCS1)
    )
    header = _b64({"alg": "HS256", "kid": "k1", "typ": "JWT"})
    payload = _b64({"sub": "x", "iss": ISSUER, "aud": AUDIENCE, "exp": 2**40})
    import hashlib
    import hmac

    signing_input = f"{header}.{payload}".encode()
    signature = hmac.new(public_pem, signing_input, hashlib.sha256).digest()
    token = f"{header}.{payload}.{_b64_bytes(signature)}"

    with pytest.raises(InvalidToken, match="algorithm"):
        await verifier.verify(token)


async def test_expired_token_is_refused(realm: Realm, verifier: TokenVerifier) -> None:
    token = realm.token(exp=int(time.time()) - 60)

    with pytest.raises(InvalidToken, match="has expired"):
        await verifier.verify(token)


async def test_token_not_yet_valid_is_refused(
    realm: Realm, verifier: TokenVerifier
) -> None:
    token = realm.token(nbf=int(time.time()) + 600)

    with pytest.raises(InvalidToken, match="not valid yet"):
        await verifier.verify(token)


@pytest.mark.parametrize(
    ("claim", "value"),
    [
        ("iss", "http://127.0.0.1:8080/realms/other"),
        ("aud", "account"),
    ],
)
async def test_wrong_issuer_or_audience_is_refused(
    realm: Realm, verifier: TokenVerifier, claim: str, value: str
) -> None:
    with pytest.raises(InvalidToken):
        await verifier.verify(realm.token(**{claim: value}))


async def test_rotated_key_is_fetched_once(realm: Realm) -> None:
    verifier = make_verifier(realm, min_refresh_interval=0)
    await verifier.verify(realm.token())
    realm.rotate("k2")

    principal = await verifier.verify(realm.token(kid="k2"))

    assert principal.username == "claire"
    assert realm.jwks_requests == 2


async def test_unknown_kid_after_refresh_is_refused(
    realm: Realm, verifier: TokenVerifier
) -> None:
    stranger = Realm()
    stranger.keys = {"zz": stranger.keys["k1"]}

    with pytest.raises(InvalidToken, match="unknown signing key"):
        await verifier.verify(stranger.token(kid="zz"))
    assert realm.jwks_requests == 1


async def test_a_flood_of_unknown_kids_fetches_keys_once(
    realm: Realm, verifier: TokenVerifier
) -> None:
    await verifier.verify(realm.token())
    stranger = Realm()
    stranger.keys = {f"x{i}": stranger.keys["k1"] for i in range(5)}

    for kid in stranger.keys:
        with pytest.raises(InvalidToken):
            await verifier.verify(stranger.token(kid=kid))

    assert realm.jwks_requests == 1


def _b64(value: dict[str, Any]) -> str:
    return _b64_bytes(json.dumps(value).encode())


def _b64_bytes(value: bytes) -> str:
    return base64.urlsafe_b64encode(value).rstrip(b"=").decode()


async def test_a_realm_that_cannot_be_reached_is_reported_as_such(
    realm: Realm,
) -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = httpx.AsyncClient(transport=httpx.MockTransport(down))
    verifier = TokenVerifier(ISSUER, AUDIENCE, JwksCache(f"{ISSUER}/certs", client))

    with pytest.raises(KeysUnavailable):
        await verifier.verify(realm.token())
