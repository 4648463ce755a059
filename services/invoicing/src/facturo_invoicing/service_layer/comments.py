"""Comments on invoices: colleagues discuss an invoice and mention each other.

Comments are append-only: nothing edits or deletes one, so the discussion
stays a record of who said what, when. They are not part of the invoice
document, so an issued invoice takes them too, and its version is unchanged.
A mention names a person who may read the invoice; the directory says who
that is, and without an answer from it nothing is stored.
"""

import asyncio
import logging
import uuid
from datetime import UTC, datetime

from facturo_chassis.auth.policy import Action, may, sees_department
from facturo_chassis.auth.principal import Principal, Role
from facturo_chassis.unit_of_work import UnitOfWork
from facturo_contracts import invoicing as events
from facturo_invoicing.adapters import repository
from facturo_invoicing.adapters.directory import Directory
from facturo_invoicing.adapters.orm import Invoice, InvoiceComment
from facturo_invoicing.domain.comments import (
    Colleague,
    comment_text,
    distinct_mentions,
    unmentionable,
)
from facturo_invoicing.service_layer.commands import AddComment
from facturo_invoicing.service_layer.invoices import visible_invoice

logger = logging.getLogger(__name__)

PEOPLE_ROLES = {role.value: role for role in Role if role is not Role.SERVICE}


async def add_comment(
    cmd: AddComment, uow: UnitOfWork, principal: Principal, directory: Directory
) -> InvoiceComment:
    """Store the comment and publish `InvoiceCommentAdded` (without its text).

    422 names every mention that is not a person able to read the invoice;
    503 when the directory cannot tell. The directory is asked between two
    short transactions, never inside one: on SQLite a transaction holds the
    write lock, and issuing would wait on a slow directory.
    """
    text = comment_text(cmd.text)
    mentions = distinct_mentions(cmd.mentions)
    async with uow:
        invoice = await _commentable(uow, principal, cmd.invoice_id)
        checked = invoice.department
    await _check_mentions(mentions, cmd.mentions, checked, directory)
    async with uow:
        invoice = await _commentable(uow, principal, cmd.invoice_id)
        if invoice.department != checked:  # the draft moved meanwhile
            await _check_mentions(mentions, cmd.mentions, invoice.department, directory)
        comment = InvoiceComment(
            id=str(uuid.uuid4()),
            invoice_id=invoice.id,
            author_id=principal.subject,
            author_username=principal.username,
            text=text,
            mentions=list(mentions),
            created_at=datetime.now(UTC),
        )
        uow.session.add(comment)
        await uow.session.flush()
        await uow.publish(_added(invoice, comment))
    logger.info(
        "comment %s on invoice %s mentions %d users",
        comment.id,
        invoice.id,
        len(mentions),
    )
    return comment


async def _commentable(
    uow: UnitOfWork, principal: Principal, invoice_id: str
) -> Invoice:
    return await visible_invoice(uow, principal, invoice_id, Action.INVOICE_COMMENT)


async def list_comments(
    uow: UnitOfWork, principal: Principal, invoice_id: str, limit: int, offset: int
) -> tuple[list[InvoiceComment], int]:
    """A page of the comments of an invoice the caller may read, oldest first."""
    invoice = await visible_invoice(uow, principal, invoice_id, Action.INVOICE_READ)
    return await repository.list_comments(uow.session, invoice.id, limit, offset)


def may_read_invoices_of(colleague: Colleague, department: str) -> bool:
    """An enabled person whose roles let them read `department`'s invoices."""
    if not colleague.enabled or Role.SERVICE.value in colleague.roles:
        return False
    reader = Principal(
        subject=colleague.id,
        username=colleague.id,
        roles=frozenset(PEOPLE_ROLES[r] for r in colleague.roles if r in PEOPLE_ROLES),
        departments=colleague.departments,
    )
    return may(reader, Action.INVOICE_READ) and sees_department(reader, department)


async def _check_mentions(
    mentions: tuple[str, ...],
    as_given: tuple[str, ...],
    department: str,
    directory: Directory,
) -> None:
    """Refuse, naming each one, the mentions of people who cannot read it."""
    found = await asyncio.gather(*(directory.colleague(m) for m in mentions))
    refused = [
        (as_given.index(user_id), user_id)
        for user_id, colleague in zip(mentions, found, strict=True)
        if colleague is None or not may_read_invoices_of(colleague, department)
    ]
    if refused:
        logger.info("comment refused: %d mentions cannot see it", len(refused))
        raise unmentionable(refused)


def _added(invoice: Invoice, comment: InvoiceComment) -> events.InvoiceCommentAdded:
    return events.InvoiceCommentAdded(
        invoice_id=invoice.id,
        department=invoice.department,
        comment_id=comment.id,
        author_id=comment.author_id,
        mentioned_user_ids=list(comment.mentions),
        created_at=comment.created_at,
        number=invoice.number,
    )
