"""Audit routes: the entries and the chain's verification, for auditors only."""

from fastapi import APIRouter, Query

from facturo_audit.adapters import repository
from facturo_audit.adapters.orm import AuditEntry
from facturo_audit.domain.chain import as_utc
from facturo_audit.entrypoints.dependencies import SettingsDep
from facturo_audit.entrypoints.schemas import (
    AuditEntryPage,
    AuditEntryRead,
    VerifyReportRead,
)
from facturo_audit.service_layer.verifying import verify_chain
from facturo_chassis.auth.policy import Action, require
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.problems import NotFound
from facturo_chassis.telemetry import tag_current_span

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("/entries")
async def get_entries(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    subject: str | None = Query(
        default=None, description="an aggregate id: the subject or the invoice id"
    ),
    event_type: str | None = Query(default=None),
    department: str | None = Query(default=None),
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
) -> AuditEntryPage:
    require(principal, Action.AUDIT_READ)
    where = repository.EntryFilter(subject, event_type, department)
    async with uow:
        items, total = await repository.list_entries(uow.session, where, limit, offset)
        return AuditEntryPage(
            items=[entry_read(e) for e in items],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/entries/{seq}")
async def get_entry(
    seq: int, uow: NewUnitOfWork, principal: CurrentPrincipal
) -> AuditEntryRead:
    require(principal, Action.AUDIT_READ)
    async with uow:
        entry = await repository.get_entry(uow.session, seq)
        if entry is None:
            raise NotFound(f"no audit entry {seq}")
        tag_current_span(invoice_id=entry.invoice_id, department=entry.department)
        return entry_read(entry)


@router.get("/verify")
async def get_verify(
    uow: NewUnitOfWork, principal: CurrentPrincipal, settings: SettingsDep
) -> VerifyReportRead:
    require(principal, Action.AUDIT_READ)
    async with uow:
        report = await verify_chain(uow, settings.verify_batch_size)
    return VerifyReportRead(
        ok=report.ok,
        entries=report.entries,
        first_broken_seq=report.first_broken_seq,
        reason=report.reason,
    )


def entry_read(entry: AuditEntry) -> AuditEntryRead:
    read = AuditEntryRead.model_validate(entry)
    return read.model_copy(
        update={
            "occurred_at": as_utc(entry.occurred_at),
            "recorded_at": as_utc(entry.recorded_at),
        }
    )
