"""Media files.

The column `metadata` is the ORM attribute `metadata_` (`MediaFile.metadata` is
SQLAlchemy's `MetaData`). The schemas call the field `metadata`; the write schemas
dump it as `metadata_` with `by_alias=True`, because `MediaFile(metadata=...)`
silently drops the value.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from uuid import UUID

from pydantic import AliasChoices, BaseModel, Field, NonNegativeFloat, NonNegativeInt

from app.models.enums import FileStatus
from app.schemas.common import Omittable, TimestampedRead, VarChar100, VarChar255

StoragePath = Annotated[str, Field(max_length=1024)]
Language = Annotated[str, Field(max_length=16)]
Checksum = Annotated[str, Field(min_length=64, max_length=64)]
"""char(64): a hex SHA-256."""


class MediaFileBase(BaseModel):
    user_id: int
    filename: VarChar255
    storage_path: StoragePath
    file_size: NonNegativeInt
    content_type: VarChar100
    duration: NonNegativeFloat | None = None
    language: Language | None = None
    checksum: Checksum | None = None


class MediaFileCreate(MediaFileBase):
    """A stored upload; it starts `pending` (the column default).

    Build the row with `MediaFile(**data.model_dump(by_alias=True))`.
    """

    metadata: dict[str, Any] = Field(default_factory=dict, serialization_alias="metadata_")


class MediaFileUpdate(BaseModel):
    """Renaming, probe results and processing state; the stored bytes' path, size and
    type are fixed at upload. Apply with `model_dump(exclude_unset=True, by_alias=True)`."""

    filename: Omittable[VarChar255] = None
    duration: NonNegativeFloat | None = None
    language: Language | None = None
    checksum: Checksum | None = None
    status: Omittable[FileStatus] = None
    error_message: str | None = None
    metadata: Omittable[dict[str, Any]] = Field(default=None, serialization_alias="metadata_")
    completed_at: datetime | None = None


class MediaFileRead(MediaFileBase, TimestampedRead):
    id: int
    uuid: UUID
    status: FileStatus
    error_message: str | None
    # The ORM attribute first: on a row, `.metadata` is the table's MetaData.
    metadata: dict[str, Any] = Field(validation_alias=AliasChoices("metadata_", "metadata"))
    uploaded_at: datetime
    completed_at: datetime | None
