"""The department list is kept for its time to live, then read again."""

from facturo_identity.adapters.cache import CachingDirectory
from facturo_identity.domain.directory import Department


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_departments_are_read_again_after_the_ttl(directory) -> None:
    clock = Clock()
    cached = CachingDirectory(directory, 60.0, clock)

    first = await cached.departments()
    directory.departments_list = [Department("NEW", "New")]
    clock.now += 59.9
    within = await cached.departments()
    clock.now += 0.1
    after = await cached.departments()

    assert within == first
    assert after == [Department("NEW", "New")]
    assert directory.department_calls == 2


async def test_people_are_never_cached(directory) -> None:
    cached = CachingDirectory(directory, 60.0, Clock())

    assert "sub-marc" in await cached.members("SAL")
    del directory.users["sub-marc"]

    assert await cached.user("sub-marc") is None
    assert "sub-marc" not in await cached.holders("approver")
