"""Tags and their assignment to media files."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from app.schemas.common import Omittable, ORMRead, VarChar100


class TagBase(BaseModel):
    name: VarChar100


class TagCreate(TagBase):
    """A new label; names are unique regardless of case."""


class TagUpdate(BaseModel):
    name: Omittable[VarChar100] = None


class TagRead(TagBase, ORMRead):
    id: int
    created_at: datetime


class FileTagBase(BaseModel):
    media_file_id: int
    tag_id: int


class FileTagCreate(FileTagBase):
    """Puts a tag on a media file."""


class FileTagUpdate(BaseModel):
    """Re-points the link: both of its columns are the primary key, nothing else is stored."""

    media_file_id: Omittable[int] = None
    tag_id: Omittable[int] = None


class FileTagRead(FileTagBase, ORMRead):
    created_at: datetime
