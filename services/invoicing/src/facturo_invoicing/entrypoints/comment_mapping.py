"""From stored comments to HTTP schemas."""

from facturo_invoicing.adapters.orm import InvoiceComment
from facturo_invoicing.entrypoints.schemas import CommentRead


def comment_read(row: InvoiceComment) -> CommentRead:
    return CommentRead(
        id=row.id,
        invoice_id=row.invoice_id,
        author_id=row.author_id,
        author_username=row.author_username,
        text=row.text,
        mentions=list(row.mentions),
        created_at=row.created_at,
    )
