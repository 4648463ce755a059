"""The scheduler: a task of the service that makes the due recurring drafts.

Every ``scheduler_interval_seconds`` it runs a pass of
`generation.generate_due`, which makes at most ``scheduler_batch_size``
drafts; a full pass is followed at once by another, so a long downtime is
caught up in bounded transactions. Every instance of the service runs one:
they share the work and each occurrence is made once. A failed pass (the
database away) is logged and tried again at the next interval.
"""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

from fastapi import FastAPI

from facturo_invoicing.service_layer import generation
from facturo_invoicing.service_layer.generation import GenerationPlan, NewUnitOfWork
from facturo_invoicing.settings import InvoicingSettings

logger = logging.getLogger(__name__)


class RecurringScheduler:
    def __init__(self, new_uow: NewUnitOfWork, settings: InvoicingSettings) -> None:
        self._new_uow = new_uow
        self._interval = settings.scheduler_interval_seconds
        self._batch = settings.scheduler_batch_size
        self._currency = settings.accounting_currency

    async def run_once(self, today: date | None = None) -> int:
        """One pass, as of `today` (default: the UTC date); drafts made."""
        plan = GenerationPlan(
            today=today or datetime.now(UTC).date(),
            limit=self._batch,
            accounting_currency=self._currency,
        )
        made = await generation.generate_due(self._new_uow, plan)
        if made:
            logger.info("scheduler made %d recurring drafts", made)
        return made

    async def run(self) -> None:
        logger.info("scheduler started, every %s s", self._interval)
        while True:
            try:
                made = await self.run_once()
            except Exception:
                logger.exception("scheduler pass failed; retrying")
                made = 0
            if made < self._batch:
                await asyncio.sleep(self._interval)


def run_while_serving(app: FastAPI, scheduler: RecurringScheduler) -> None:
    """Around the app's lifespan: the scheduler runs once the database is
    migrated, and stops before it closes."""
    inner = app.router.lifespan_context

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        async with inner(app):
            task = asyncio.create_task(scheduler.run(), name="recurring-scheduler")
            try:
                yield
            finally:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task

    app.router.lifespan_context = lifespan
