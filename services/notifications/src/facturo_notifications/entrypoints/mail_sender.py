"""The mail sender: a task of the service that empties the mail outbox.

It runs a pass of `sending.send_due` whenever the consumer has committed new
e-mails (`wake`), and otherwise every `mail_poll_seconds` for the deliveries
whose retry time has come. A pass that finds a full batch is followed at once
by another. A failed pass (the database away) is logged and tried again at the
next poll; the rows it had claimed are taken up again when their lease ends.
"""

import asyncio
import contextlib
import logging
from datetime import UTC, datetime

from facturo_notifications.adapters.mailer import Mailer
from facturo_notifications.service_layer import sending
from facturo_notifications.service_layer.sending import NewUnitOfWork, SendPlan

logger = logging.getLogger(__name__)


class MailSender:
    def __init__(
        self,
        new_uow: NewUnitOfWork,
        mailer: Mailer,
        plan: SendPlan,
        poll_seconds: float,
    ) -> None:
        self._new_uow = new_uow
        self._mailer = mailer
        self._plan = plan
        self._poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Ask for a pass now (after a commit that queued e-mails)."""
        self._wake.set()

    async def send_due(self, now: datetime | None = None) -> int:
        """One pass, as of `now` (default: the current time)."""
        now = now or datetime.now(UTC)
        return await sending.send_due(self._new_uow, self._mailer, self._plan, now)

    async def run(self) -> None:
        logger.info("mail sender started")
        while True:
            try:
                due = await self.send_due()
            except Exception:
                logger.exception("mail sender pass failed; retrying")
                due = 0
            if due < self._plan.batch_size:
                await self._sleep()

    async def _sleep(self) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._wake.wait(), self._poll_seconds)
        self._wake.clear()
