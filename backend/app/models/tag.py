"""Tags and their assignment to media files."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Identity, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import now_column


class Tag(Base):
    __tablename__ = "tag"
    __table_args__ = (
        Index("tag_name_lower_idx", text("lower(name)"), unique=True),
        {"comment": "Labels for media files; names are unique regardless of case."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    created_at: Mapped[datetime] = now_column()


class FileTag(Base):
    __tablename__ = "file_tag"
    __table_args__ = {"comment": "Which tags are on which media files."}

    media_file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = now_column()
