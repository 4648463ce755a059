"""The unit of work: one transaction for a state change and its events."""

from types import TracebackType

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from facturo_chassis.messaging.outbox import Outbox, OutboxRelay
from facturo_contracts.envelope import Event


class UnitOfWork:
    """Commits on success, rolls back on error, then wakes the relay."""

    session: AsyncSession

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        outbox: Outbox,
        relay: OutboxRelay | None,
        actor: str | None,
    ) -> None:
        self._sessions = sessions
        self._outbox = outbox
        self._relay = relay
        self.actor = actor
        self.events: list[Event] = []

    async def __aenter__(self) -> "UnitOfWork":
        self.session = self._sessions()
        await self.session.begin()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        try:
            if exc_type is None:
                await self.session.commit()
            else:
                await self.session.rollback()
        finally:
            await self.session.close()
        if exc_type is None and self.events and self._relay is not None:
            self._relay.wake()

    async def publish(self, event: Event) -> None:
        """Record an event to be published once this unit commits."""
        await self._outbox.add(self.session, event, actor=self.actor)
        self.events.append(event)
