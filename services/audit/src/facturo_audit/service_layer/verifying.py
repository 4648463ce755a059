"""Verifying the whole chain without loading it: batch after batch, by seq."""

import logging

from facturo_audit.adapters import repository
from facturo_audit.adapters.mapping import sealed_entry
from facturo_audit.domain.chain import ChainHead
from facturo_audit.domain.verification import ChainCheck, VerifyReport
from facturo_chassis.unit_of_work import UnitOfWork

logger = logging.getLogger(__name__)

# Entries appended while a check reads (READ COMMITTED) are caught up with
# this many times before the head is compared with what was read.
CATCH_UP_ROUNDS = 5


async def verify_chain(uow: UnitOfWork, batch_size: int) -> VerifyReport:
    check = ChainCheck()
    head: ChainHead | None = None
    for _ in range(CATCH_UP_ROUNDS):
        await _read_to_end(uow, check, batch_size)
        head = await repository.read_head(uow.session)
        if head.last_seq <= check.last_seq:
            break
    assert head is not None
    report = check.report(head)
    if not report.ok:
        logger.warning(
            "audit chain broken at entry %s: %s", report.first_broken_seq, report.reason
        )
    return report


async def _read_to_end(uow: UnitOfWork, check: ChainCheck, batch_size: int) -> None:
    while True:
        batch = await repository.entries_after(uow.session, check.last_seq, batch_size)
        for row in batch:
            check.add(sealed_entry(row))
        uow.session.expunge_all()
        if len(batch) < batch_size:
            return
