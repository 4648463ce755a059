"""In-memory stand-ins for the ports some services reach outside through."""

from facturo_chassis.testing import DEMO_PRINCIPALS
from facturo_identity.domain.directory import Department, DirectoryUser
from facturo_invoicing.domain.comments import Colleague
from facturo_notifications.domain.messages import Mail
from facturo_notifications.domain.people import Contact, Person

DEPARTMENTS = [Department("SAL", "Sales"), Department("SRV", "Services")]


def _user(username: str) -> DirectoryUser:
    principal = DEMO_PRINCIPALS[username]
    return DirectoryUser(
        id=principal.subject,
        username=username,
        name=principal.name,
        email=principal.email,
        departments=tuple(sorted(principal.departments)),
        roles=tuple(sorted(r.value for r in principal.roles)),
        enabled=True,
    )


class IdentityDirectory:
    """The demo people (not the service accounts) as identity's directory."""

    def __init__(self) -> None:
        people = [u for u, p in DEMO_PRINCIPALS.items() if not p.is_service]
        self._users = {u.id: u for u in map(_user, people)}

    async def departments(self) -> list[Department]:
        return list(DEPARTMENTS)

    async def user(self, user_id: str) -> DirectoryUser | None:
        return self._users.get(user_id)

    async def everyone(self) -> list[str]:
        return list(self._users)

    async def members(self, department: str) -> list[str]:
        return [u.id for u in self._users.values() if department in u.departments]

    async def holders(self, role: str) -> list[str]:
        return [u.id for u in self._users.values() if role in u.roles]

    async def user_ids_by_email(self, email: str) -> list[str]:
        wanted = email.strip().lower()
        return [u.id for u in self._users.values() if u.email == wanted]


class Colleagues:
    """The demo people (not the service accounts) as invoicing's directory."""

    def __init__(self) -> None:
        people = [_user(u) for u, p in DEMO_PRINCIPALS.items() if not p.is_service]
        self._people = {
            u.id: Colleague(
                u.id, frozenset(u.departments), frozenset(u.roles), u.enabled
            )
            for u in people
        }

    async def colleague(self, user_id: str) -> Colleague | None:
        return self._people.get(user_id)


class PeopleDirectory:
    """The demo people as notifications' directory."""

    def __init__(self) -> None:
        self._people = {
            p.subject: Person(
                id=p.subject,
                username=p.username,
                name=p.name,
                email=p.email,
                departments=p.departments,
                roles=frozenset(r.value for r in p.roles),
            )
            for p in DEMO_PRINCIPALS.values()
        }

    async def person(self, subject_id: str) -> Person | None:
        return self._people.get(subject_id)

    async def approvers(self, department: str) -> list[Person]:
        return [
            p
            for p in self._people.values()
            if "approver" in p.roles and department in p.departments
        ]


class NoCustomers:
    async def contact(self, customer_id: str) -> Contact | None:
        return None


class SentMail:
    def __init__(self) -> None:
        self.sent: list[Mail] = []

    async def send(self, mail: Mail) -> None:
        self.sent.append(mail)
