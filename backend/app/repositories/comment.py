"""Comments on media files."""

from __future__ import annotations

from sqlalchemy import select

from app.models import Comment
from app.repositories.base import Repository
from app.repositories.convert import to_reads
from app.repositories.plan import Plan, planned
from app.schemas import CommentCreate, CommentRead, CommentUpdate


class CommentRepository(Repository[Comment, CommentCreate, CommentUpdate, CommentRead]):
    model = Comment
    read = CommentRead

    @planned
    def on_file(self, media_file_id: int) -> Plan[list[CommentRead]]:
        """The file's comments by position in the media (general ones, without a position, first)."""
        statement = (
            select(Comment)
            .where(Comment.media_file_id == media_file_id)
            .order_by(Comment.timestamp.asc().nulls_first(), Comment.id)
        )
        return to_reads(self.read, (yield statement).scalars().all())
