"""Comment routes of an invoice: read by whoever reads the invoice, written
by the people who work on it. Comments are append-only: no edit, no delete."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from facturo_chassis.dependencies import CurrentPrincipal, NewUnitOfWork
from facturo_invoicing.adapters.directory import Directory
from facturo_invoicing.entrypoints.comment_mapping import comment_read
from facturo_invoicing.entrypoints.schemas import (
    CommentCreate,
    CommentPage,
    CommentRead,
)
from facturo_invoicing.service_layer.commands import AddComment
from facturo_invoicing.service_layer.comments import add_comment, list_comments

router = APIRouter(prefix="/invoices/{invoice_id}/comments", tags=["comments"])


def _directory(request: Request) -> Directory:
    directory: Directory = request.app.state.directory
    return directory


DirectoryDep = Annotated[Directory, Depends(_directory)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    responses={503: {"description": "the user directory cannot be reached"}},
)
async def post_comment(
    invoice_id: str,
    body: CommentCreate,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    directory: DirectoryDep,
) -> CommentRead:
    """Comment on the invoice, in any status; 422 names each mention of
    someone who is not a person able to read the invoice."""
    cmd = AddComment(invoice_id, body.text, tuple(body.mentions))
    comment = await add_comment(cmd, uow, principal, directory)
    return comment_read(comment)


@router.get("")
async def get_comments(
    invoice_id: str,
    uow: NewUnitOfWork,
    principal: CurrentPrincipal,
    limit: int = Query(default=50, ge=1, le=500),
    offset: int = Query(default=0, ge=0),
) -> CommentPage:
    """The invoice's comments, oldest first."""
    async with uow:
        rows, total = await list_comments(uow, principal, invoice_id, limit, offset)
        return CommentPage(
            items=[comment_read(row) for row in rows],
            total=total,
            limit=limit,
            offset=offset,
        )
