"""An in-memory identity directory for the comment tests: the demo people,
a disabled one, a service account and a member without any role."""

from facturo_chassis.testing import DEMO_PRINCIPALS
from facturo_invoicing.adapters.directory import DirectoryUnavailable
from facturo_invoicing.domain.comments import Colleague


def _demo(username: str) -> Colleague:
    principal = DEMO_PRINCIPALS[username]
    return Colleague(
        id=principal.subject,
        departments=principal.departments,
        roles=frozenset(role.value for role in principal.roles),
        enabled=True,
    )


PEOPLE = [_demo(u) for u in DEMO_PRINCIPALS if u != "svc"]
OTHERS = [
    Colleague("sub-gone", frozenset({"SAL"}), frozenset({"clerk"}), enabled=False),
    Colleague("sub-robot", frozenset(), frozenset({"service"}), enabled=True),
    Colleague("sub-guest", frozenset({"SAL"}), frozenset(), enabled=True),
]


class FakeDirectory:
    """Knows `PEOPLE` and `OTHERS`; `down` makes every lookup fail."""

    def __init__(self) -> None:
        self.people = {c.id: c for c in PEOPLE + OTHERS}
        self.down = False
        self.asked: list[str] = []

    async def colleague(self, user_id: str) -> Colleague | None:
        self.asked.append(user_id)
        if self.down:
            raise DirectoryUnavailable("the user directory cannot be reached")
        return self.people.get(user_id)
