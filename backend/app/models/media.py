"""Media files: the aggregate everything else hangs off."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    CHAR,
    BigInteger,
    CheckConstraint,
    DateTime,
    Double,
    ForeignKey,
    Identity,
    Index,
    String,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.enums import FileStatus, file_status
from app.models.types import Timestamps, now_column, uuid_column


class MediaFile(Timestamps, Base):
    __tablename__ = "media_file"
    __table_args__ = (
        CheckConstraint("file_size >= 0", name="file_size"),
        CheckConstraint("duration IS NULL OR duration >= 0", name="duration"),
        Index(None, "user_id", "status"),
        Index(
            "media_file_created_at_active_idx",
            "created_at",
            postgresql_where=text("status IN ('pending', 'queued', 'processing')"),
        ),
        Index(
            "media_file_metadata_idx",
            "metadata",
            postgresql_using="gin",
            postgresql_ops={"metadata": "jsonb_path_ops"},
        ),
        {"comment": "Uploaded audio or video files and their processing state."},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    filename: Mapped[str] = mapped_column(String(255), nullable=False)
    storage_path: Mapped[str] = mapped_column(String(1024), nullable=False, unique=True)
    file_size: Mapped[int] = mapped_column(BigInteger, nullable=False)
    content_type: Mapped[str] = mapped_column(String(100), nullable=False)
    duration: Mapped[float | None] = mapped_column(Double)
    language: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[FileStatus] = mapped_column(file_status, nullable=False, server_default=FileStatus.pending.value)
    error_message: Mapped[str | None] = mapped_column(Text)
    # "metadata" is reserved on declarative classes; the column keeps its name.
    metadata_: Mapped[dict] = mapped_column("metadata", JSONB, nullable=False, server_default=text("'{}'"))
    checksum: Mapped[str | None] = mapped_column(CHAR(64))
    uploaded_at: Mapped[datetime] = now_column()
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
