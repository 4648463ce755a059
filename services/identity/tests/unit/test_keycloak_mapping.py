"""Keycloak admin API JSON, as Keycloak 26 returns it, to the directory model."""

from facturo_identity.adapters import keycloak_mapping as kc
from facturo_identity.domain.directory import Department, DirectoryUser

CLAIRE = {
    "id": "5f0c2a4e-9a43-4c55-a3c1-0d9f1c2b7e10",
    "username": "claire",
    "firstName": "Claire",
    "lastName": "Martin",
    "email": "claire@demo.facturo.test",
    "emailVerified": True,
    "createdTimestamp": 1764765600000,
    "enabled": True,
    "totp": False,
    "disableableCredentialTypes": [],
    "requiredActions": [],
    "notBefore": 0,
    "access": {"manage": True},
}

CLAIRE_GROUPS = [
    {
        "id": "8d1d8a57-6f7b-4ef0-9d62-2a0e1b6f7c01",
        "name": "SAL",
        "path": "/departments/SAL",
        "parentId": "c3e1b0a2-1f5e-4c8d-9b7a-6e5d4c3b2a10",
        "subGroups": [],
    },
    {
        "id": "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d",
        "name": "newsletter",
        "path": "/newsletter",
        "subGroups": [],
    },
]

CLAIRE_REALM_ROLES = [
    {
        "id": "3b6f3c2e-2d8a-4b9e-9f1c-7a6b5c4d3e21",
        "name": "clerk",
        "description": "Drafts and submits invoices for their departments",
        "composite": False,
        "clientRole": False,
        "containerId": "facturo",
    },
    {
        "id": "7e2d1c0b-9a8f-4e7d-6c5b-4a3f2e1d0c98",
        "name": "default-roles-facturo",
        "description": "${role_default-roles}",
        "composite": True,
        "clientRole": False,
        "containerId": "facturo",
    },
]

# Keycloak before 23: the subgroups are inlined in the listing.
OLD_GROUP_TREE = [
    {
        "id": "c3e1b0a2-1f5e-4c8d-9b7a-6e5d4c3b2a10",
        "name": "departments",
        "path": "/departments",
        "attributes": {},
        "realmRoles": [],
        "clientRoles": {},
        "subGroups": [
            {
                "id": "8d1d8a57-6f7b-4ef0-9d62-2a0e1b6f7c01",
                "name": "SAL",
                "path": "/departments/SAL",
                "attributes": {"name": ["Sales"]},
                "subGroups": [],
            },
            {
                "id": "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b",
                "name": "SRV",
                "path": "/departments/SRV",
                "attributes": {"name": ["Services"]},
                "subGroups": [],
            },
        ],
    },
    {"id": "0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d", "name": "newsletter"},
]

# Keycloak 26: a count instead of the subgroups.
NEW_GROUP_LISTING = [
    {
        "id": "c3e1b0a2-1f5e-4c8d-9b7a-6e5d4c3b2a10",
        "name": "departments",
        "path": "/departments",
        "subGroupCount": 3,
        "subGroups": [],
        "attributes": {},
        "realmRoles": [],
        "clientRoles": {},
        "access": {"view": True, "manage": True},
    }
]


def test_a_user_with_groups_and_roles() -> None:
    user = kc.directory_user(CLAIRE, CLAIRE_GROUPS, CLAIRE_REALM_ROLES)

    assert user == DirectoryUser(
        id="5f0c2a4e-9a43-4c55-a3c1-0d9f1c2b7e10",
        username="claire",
        name="Claire Martin",
        email="claire@demo.facturo.test",
        departments=("SAL",),
        roles=("clerk",),
        enabled=True,
    )


def test_a_bare_user_has_no_name_email_department_or_role() -> None:
    bare = {"id": "u-1", "username": "robot", "enabled": False, "lastName": " "}

    user = kc.directory_user(bare, [], [])

    assert (user.name, user.email, user.departments, user.roles) == (
        None,
        None,
        (),
        (),
    )
    assert user.enabled is False


def test_a_service_account_is_known_by_keycloak_s_mark_not_its_name() -> None:
    client = {
        "id": "u-2",
        "username": "service-account-facturo-invoicing",
        "enabled": True,
        "serviceAccountClientId": "facturo-invoicing",
    }
    renamed = {"id": "u-3", "username": "service-account-x", "enabled": True}

    assert kc.directory_user(client, [], []).service_account is True
    assert kc.directory_user(renamed, [], []).service_account is False
    assert CLAIRE.get("serviceAccountClientId") is None


def test_display_name_uses_what_is_there() -> None:
    assert kc.display_name({"firstName": "Ada"}) == "Ada"
    assert kc.display_name({"lastName": "Lovelace"}) == "Lovelace"
    assert kc.display_name({"firstName": "", "lastName": None}) is None


def test_department_codes_only_from_direct_department_groups() -> None:
    groups = [
        {"path": "/departments/SRV"},
        {"path": "/departments/SAL"},
        {"path": "/departments"},
        {"path": "/departments/SAL/team-a"},
        {"path": "/other/SAL"},
        {"path": "/departmentsX/TRN"},
    ]

    assert kc.department_codes(groups) == ("SAL", "SRV")


def test_only_facturo_roles_are_kept_and_sorted() -> None:
    roles = [
        {"name": "offline_access"},
        {"name": "uma_authorization"},
        {"name": "finance"},
        {"name": "approver"},
    ]

    assert kc.role_names(roles) == ("approver", "finance")


def test_inlined_subgroups_of_an_old_keycloak_are_used() -> None:
    root = kc.department_root(OLD_GROUP_TREE)
    assert root is not None

    children = kc.inlined_children(root)

    assert children is not None
    assert [kc.department_group(c) for c in children] == [
        kc.DepartmentGroup(
            "8d1d8a57-6f7b-4ef0-9d62-2a0e1b6f7c01", Department("SAL", "Sales")
        ),
        kc.DepartmentGroup(
            "1e2f3a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b", Department("SRV", "Services")
        ),
    ]


def test_counted_but_missing_subgroups_must_be_fetched() -> None:
    root = kc.department_root(NEW_GROUP_LISTING)
    assert root is not None

    assert kc.inlined_children(root) is None
    assert kc.inlined_children({"name": "departments"}) is None


def test_no_departments_group() -> None:
    assert kc.department_root([{"id": "g", "name": "newsletter"}]) is None


def test_a_department_without_a_name_attribute_shows_its_code() -> None:
    group = {"id": "g-9", "name": "TRN", "attributes": {}}

    assert kc.department_group(group).department == Department("TRN", "TRN")


def test_ids_of_a_member_listing() -> None:
    members = [{"id": "a", "username": "claire"}, {"id": "b", "username": "marc"}]

    assert kc.ids_of(members) == ["a", "b"]
