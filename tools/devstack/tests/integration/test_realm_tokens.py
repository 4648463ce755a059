"""Claims of real tokens from the running Keycloak (`up --no-services` first)."""

import base64
import json
from typing import Any

import httpx
import pytest

from facturo_devstack import keycloak

pytestmark = pytest.mark.integration
# Each service account's `svc:<action>` grants, as the realm file gives them.
GRANTS = {
    "identity": ["svc:privacy.collect"],
    "invoicing": ["svc:directory.read"],
    "approvals": [],
    "audit": [],
    "notifications": [
        "svc:customer.read",
        "svc:directory.contact",
        "svc:directory.read",
    ],
}
TOKEN_URL = f"{keycloak.ISSUER}/protocol/openid-connect/token"
ADMIN_URL = f"{keycloak.BASE_URL}/admin/realms/{keycloak.REALM}"


@pytest.fixture(scope="module", autouse=True)
def servers(stack: object) -> None:
    """Kafka and Keycloak are running (the `stack` fixture starts them)."""


def claims(token: str) -> dict[str, Any]:
    payload = token.split(".")[1]
    return dict(json.loads(base64.urlsafe_b64decode(payload + "=" * 4)))


def audiences(token_claims: dict[str, Any]) -> list[str]:
    aud = token_claims["aud"]
    return [aud] if isinstance(aud, str) else list(aud)


def password_token(username: str) -> str:
    form = {
        "grant_type": "password",
        "client_id": "facturo-cli",
        "username": username,
        "password": "facturo-demo",
    }
    response = httpx.post(TOKEN_URL, data=form, timeout=10)
    response.raise_for_status()
    return str(response.json()["access_token"])


def service_token(name: str) -> str:
    form = {
        "grant_type": "client_credentials",
        "client_id": f"facturo-{name}",
        "client_secret": f"facturo-{name}-dev-secret",
    }
    response = httpx.post(TOKEN_URL, data=form, timeout=10)
    response.raise_for_status()
    return str(response.json()["access_token"])


def test_clerk_token_carries_department_roles_and_audience() -> None:
    token = claims(password_token("claire"))

    assert token["departments"] == ["SAL"]
    assert token["roles"] == ["clerk"]
    assert "facturo-api" in audiences(token)
    assert token["preferred_username"] == "claire"
    assert token["email"] == "claire@demo.facturo.test"
    assert token["exp"] - token["iat"] == 300


@pytest.mark.parametrize(
    ("user", "role", "departments"),
    [("sophie", "approver", ["SRV"]), ("fanny", "finance", None)],
)
def test_other_users(user: str, role: str, departments: list[str] | None) -> None:
    token = claims(password_token(user))

    assert token["roles"] == [role]
    assert token.get("departments") == departments


def test_service_account_token_has_the_service_role() -> None:
    token = claims(service_token("notifications"))

    assert "service" in token["roles"]
    assert "facturo-api" in audiences(token)
    assert token["azp"] == "facturo-notifications"


@pytest.mark.parametrize("service", sorted(GRANTS))
def test_service_account_token_carries_exactly_its_grants(service: str) -> None:
    token = claims(service_token(service))

    assert sorted(token["roles"]) == ["service", *GRANTS[service]]


def test_identity_service_account_reads_users_and_groups() -> None:
    headers = {"Authorization": f"Bearer {service_token('identity')}"}

    users = httpx.get(f"{ADMIN_URL}/users", headers=headers, timeout=10)
    groups = httpx.get(f"{ADMIN_URL}/groups", headers=headers, timeout=10)

    assert users.status_code == 200
    assert {"claire", "ada"} <= {user["username"] for user in users.json()}
    assert [group["path"] for group in groups.json()] == ["/departments"]


def test_other_service_accounts_cannot_use_the_admin_api() -> None:
    headers = {"Authorization": f"Bearer {service_token('audit')}"}

    response = httpx.get(f"{ADMIN_URL}/users", headers=headers, timeout=10)

    assert response.status_code == 403
