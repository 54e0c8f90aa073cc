"""Comments on media files."""

from __future__ import annotations

import uuid

from sqlalchemy import BigInteger, CheckConstraint, Double, ForeignKey, Identity, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import Timestamps, uuid_column

COMMENT_MAX_LENGTH = 10000


class Comment(Timestamps, Base):
    __tablename__ = "comment"
    __table_args__ = (
        CheckConstraint(f"char_length(text) >= 1 AND char_length(text) <= {COMMENT_MAX_LENGTH}", name="text_length"),
        {"comment": "A note on a media file, optionally at a position (seconds) in it."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    media_file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="CASCADE"), nullable=False, index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False, index=True)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    timestamp: Mapped[float | None] = mapped_column(Double)
