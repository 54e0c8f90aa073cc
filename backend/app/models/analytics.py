"""Computed analytics of a media file."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Identity, Integer, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import now_column


class Analytics(Base):
    __tablename__ = "analytics"
    __table_args__ = {"comment": "Computed statistics of one media file (speaking time, sentiment, keywords)."}

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    media_file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="CASCADE"), nullable=False, unique=True
    )
    speaker_stats: Mapped[dict | None] = mapped_column(JSONB)
    sentiment: Mapped[dict | None] = mapped_column(JSONB)
    keywords: Mapped[list[str]] = mapped_column(ARRAY(Text), nullable=False, server_default=text("'{}'"))
    computed_at: Mapped[datetime] = now_column()
