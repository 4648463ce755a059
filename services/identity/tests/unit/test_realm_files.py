"""The realm files in deploy/keycloak carry the security defaults (no server)."""

import json
from pathlib import Path
from typing import Any

import pytest

from facturo_chassis.auth.principal import GRANT_PREFIX
from facturo_chassis.testing import SERVICE_GRANTS

KEYCLOAK = Path(__file__).parents[4] / "deploy" / "keycloak"
DEMO = KEYCLOAK / "facturo-realm.json"
PRODUCTION = KEYCLOAK / "production" / "facturo-realm.json"
OTP_ROLES = {"approver", "finance", "admin"}


def load(path: Path) -> dict[str, Any]:
    realm: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return realm


@pytest.fixture(params=[DEMO, PRODUCTION], ids=["demo", "production"])
def realm(request: pytest.FixtureRequest) -> dict[str, Any]:
    return load(request.param)


@pytest.fixture
def production() -> dict[str, Any]:
    return load(PRODUCTION)


def roles_carrying(realm: dict[str, Any], role: str) -> set[str]:
    """The realm roles that are `role` or hold it as a composite."""
    return {
        r["name"]
        for r in realm["roles"]["realm"]
        if r["name"] == role or role in r.get("composites", {}).get("realm", [])
    }


def flow(realm: dict[str, Any], alias: str) -> dict[str, Any]:
    [found] = [f for f in realm["authenticationFlows"] if f["alias"] == alias]
    return found


def executions(realm: dict[str, Any], alias: str) -> list[dict[str, Any]]:
    """Every execution under a flow, sub-flows included, in order."""
    found = []
    for execution in flow(realm, alias)["authenticationExecutions"]:
        found.append(execution)
        if execution.get("autheticatorFlow"):
            found += executions(realm, execution["flowAlias"])
    return found


def realm_roles_of_service_accounts(realm: dict[str, Any]) -> dict[str, set[str]]:
    """Each service account's realm roles, by service (`facturo-<service>`)."""
    return {
        str(u["serviceAccountClientId"]).removeprefix("facturo-"): set(u["realmRoles"])
        for u in realm["users"]
        if u.get("serviceAccountClientId")
    }


def test_each_service_account_holds_exactly_its_grants(realm: dict[str, Any]) -> None:
    expected = {
        service: {"service"} | {f"{GRANT_PREFIX}{g}" for g in grants}
        for service, grants in SERVICE_GRANTS.items()
    }

    assert realm_roles_of_service_accounts(realm) == expected


def test_every_grant_is_a_described_realm_role(realm: dict[str, Any]) -> None:
    described = {
        r["name"]: r.get("description", "")
        for r in realm["roles"]["realm"]
        if r["name"].startswith(GRANT_PREFIX)
    }
    granted = set().union(*realm_roles_of_service_accounts(realm).values())

    assert set(described) == granted - {"service"}
    assert all(text.startswith("Service grant: ") for text in described.values())


def test_the_roles_claim_carries_every_realm_role(realm: dict[str, Any]) -> None:
    """The grants reach the token through the `roles` claim of every client."""
    for client in realm["clients"]:
        [mapper] = [
            m
            for m in client["protocolMappers"]
            if m["protocolMapper"] == "oidc-usermodel-realm-role-mapper"
        ]
        assert mapper["config"]["claim.name"] == "roles"
        assert mapper["config"]["access.token.claim"] == "true"
        assert mapper["config"]["multivalued"] == "true"
        assert not mapper["config"].get("usermodel.realmRoleMapping.rolePrefix")


def test_brute_force_protection_is_on(realm: dict[str, Any]) -> None:
    assert realm["bruteForceProtected"] is True
    assert realm["failureFactor"] <= 10
    assert realm["permanentLockout"] is False


def test_tokens_are_short_lived_and_refresh_tokens_rotate(
    realm: dict[str, Any],
) -> None:
    assert realm["accessTokenLifespan"] == 300
    assert realm["revokeRefreshToken"] is True
    assert realm["refreshTokenMaxReuse"] == 0


def test_the_demo_cli_keeps_its_password_grant() -> None:
    [cli] = [c for c in load(DEMO)["clients"] if c["clientId"] == "facturo-cli"]

    assert cli["directAccessGrantsEnabled"] is True


def test_production_browser_flow_asks_otp_of_exactly_three_roles(
    production: dict[str, Any],
) -> None:
    steps = executions(production, production["browserFlow"])
    [condition] = [
        s for s in steps if s.get("authenticator") == "conditional-user-role"
    ]
    [config] = [
        c
        for c in production["authenticatorConfig"]
        if c["alias"] == condition["authenticatorConfig"]
    ]
    role = config["config"]["condUserRole"]
    [otp_flow] = [
        f
        for f in production["authenticationFlows"]
        if condition in f["authenticationExecutions"]
    ]
    otp_steps = otp_flow["authenticationExecutions"]

    assert config["config"].get("negate", "false") == "false"
    assert roles_carrying(production, role) - {role} == OTP_ROLES
    assert [(s["authenticator"], s["requirement"]) for s in otp_steps] == [
        ("conditional-user-role", "REQUIRED"),
        ("auth-otp-form", "REQUIRED"),
    ]
    assert {"auth-username-password-form", "auth-otp-form"} <= {
        s.get("authenticator") for s in steps
    }
    assert [
        s["requirement"] for s in steps if s.get("flowAlias") == otp_flow["alias"]
    ] == ["CONDITIONAL"]


def test_production_otp_is_totp_six_digits_thirty_seconds(
    production: dict[str, Any],
) -> None:
    policy = {k: v for k, v in production.items() if k.startswith("otpPolicy")}

    assert policy["otpPolicyType"] == "totp"
    assert policy["otpPolicyDigits"] == 6
    assert policy["otpPolicyPeriod"] == 30


def test_production_has_no_people_and_no_secrets(production: dict[str, Any]) -> None:
    text = PRODUCTION.read_text(encoding="utf-8")
    users = production.get("users", [])

    assert "dev-secret" not in text
    assert "facturo-demo" not in text
    assert all(not c.get("secret") for c in production["clients"])
    # Only the services' own accounts, which carry their role mappings.
    assert all(u.get("serviceAccountClientId") for u in users)
    assert all(not u.get("credentials") for u in users)
    assert production["groups"][0]["subGroups"] == []


def test_production_refuses_password_grants(production: dict[str, Any]) -> None:
    assert all(not c["directAccessGrantsEnabled"] for c in production["clients"])
    assert "(demo)" not in production["displayName"]
