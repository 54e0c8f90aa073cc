"""Collections: named sets of media files."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from pydantic import BaseModel

from app.schemas.common import Omittable, ORMRead, TimestampedRead, VarChar255


class CollectionBase(BaseModel):
    user_id: int
    name: VarChar255
    description: str | None = None


class CollectionCreate(CollectionBase):
    """A new collection; the name is unique per user."""

    is_public: bool = False


class CollectionUpdate(BaseModel):
    """A change to a collection; it stays with its owner."""

    name: Omittable[VarChar255] = None
    description: str | None = None
    is_public: Omittable[bool] = None


class CollectionRead(CollectionBase, TimestampedRead):
    id: int
    uuid: UUID
    is_public: bool


class CollectionMemberBase(BaseModel):
    collection_id: int
    media_file_id: int


class CollectionMemberCreate(CollectionMemberBase):
    """Puts a media file in a collection."""


class CollectionMemberUpdate(BaseModel):
    """Re-points the membership: both of its columns are the primary key."""

    collection_id: Omittable[int] = None
    media_file_id: Omittable[int] = None


class CollectionMemberRead(CollectionMemberBase, ORMRead):
    added_at: datetime
