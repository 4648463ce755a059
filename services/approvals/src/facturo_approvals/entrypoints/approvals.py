"""Approval request routes: the inbox, a request, and the two decisions."""

from typing import Annotated

from fastapi import APIRouter, Body, Query, Response

from facturo_approvals.domain.request import RequestStatus
from facturo_approvals.entrypoints.mapping import approval_read
from facturo_approvals.entrypoints.schemas import (
    ApprovalApprove,
    ApprovalPage,
    ApprovalRead,
    ApprovalReject,
)
from facturo_approvals.service_layer.commands import ApproveStep, RejectRequest
from facturo_approvals.service_layer.decisions import approve_step, reject_request
from facturo_approvals.service_layer.listing import (
    ListApprovals,
    list_approvals,
    read_request,
)
from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_chassis.etags import IfMatch, etag

router = APIRouter(prefix="/approvals", tags=["approvals"])


@router.get("")
async def get_approvals(
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    request_status: Annotated[
        RequestStatus | None,
        Query(
            alias="status",
            description=(
                "pending: what you may decide now, yourself or through a "
                "delegation (auditors: all pending)"
            ),
        ),
    ] = None,
    department: Annotated[list[str] | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ApprovalPage:
    query = ListApprovals(
        request_status, tuple(department) if department else None, limit, offset
    )
    async with uow:
        items, total = await list_approvals(query, uow, principal)
        return ApprovalPage(
            items=[approval_read(item) for item in items],
            total=total,
            limit=limit,
            offset=offset,
        )


@router.get("/{request_id}")
async def get_approval(
    request_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
) -> ApprovalRead:
    async with uow:
        request = await read_request(uow, principal, request_id)
        response.headers["ETag"] = etag(request.version)
        return approval_read(request)


@router.post("/{request_id}/approve")
async def post_approve(
    request_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
    body: Annotated[ApprovalApprove | None, Body()] = None,
) -> ApprovalRead:
    cmd = ApproveStep(
        request_id,
        comment=body.comment if body else None,
        expected_version=expected_version,
    )
    async with uow:
        request = await approve_step(cmd, uow, principal)
        response.headers["ETag"] = etag(request.version)
        return approval_read(request)


@router.post("/{request_id}/reject")
async def post_reject(
    request_id: str,
    body: ApprovalReject,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    response: Response,
    expected_version: IfMatch,
) -> ApprovalRead:
    cmd = RejectRequest(
        request_id, reason=body.reason, expected_version=expected_version
    )
    async with uow:
        request = await reject_request(cmd, uow, principal)
        response.headers["ETag"] = etag(request.version)
        return approval_read(request)
