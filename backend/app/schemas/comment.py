"""Comments on media files.

`timestamp` is a position (seconds) in the media. The write schemas refuse a negative
one; the database has no such CHECK, so `CommentRead` does not either.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field, NonNegativeFloat

from app.models.comment import COMMENT_MAX_LENGTH
from app.schemas.common import Omittable, TimestampedRead

CommentText = Annotated[str, Field(min_length=1, max_length=COMMENT_MAX_LENGTH)]
"""The `text_length` CHECK: 1 to 10000 characters."""


class CommentBase(BaseModel):
    media_file_id: int
    user_id: int
    text: CommentText


class CommentCreate(CommentBase):
    timestamp: NonNegativeFloat | None = None


class CommentUpdate(BaseModel):
    """An edit; the comment stays on its file and with its author."""

    text: Omittable[CommentText] = None
    timestamp: NonNegativeFloat | None = None


class CommentRead(CommentBase, TimestampedRead):
    id: int
    uuid: UUID
    timestamp: float | None
