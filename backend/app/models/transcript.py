"""Transcript segments: timed text, the bulk of the data."""

from __future__ import annotations

from sqlalchemy import REAL, BigInteger, CheckConstraint, Double, ForeignKey, Identity, Index, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import Timestamps


class TranscriptSegment(Timestamps, Base):
    __tablename__ = "transcript_segment"
    __table_args__ = (
        CheckConstraint("end_time >= start_time", name="time_order"),
        # A segment is unique per file, start and text (md5 keeps the index entry small).
        Index(
            "transcript_segment_media_file_id_start_time_text_idx",
            "media_file_id",
            "start_time",
            text("md5(text)"),
            unique=True,
        ),
        Index("transcript_segment_text_fts_idx", text("to_tsvector('simple', text)"), postgresql_using="gin"),
        {"comment": "A timed piece of transcript text, optionally attributed to a speaker."},
    )

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    media_file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="CASCADE"), nullable=False
    )
    speaker_id: Mapped[int | None] = mapped_column(ForeignKey("speaker.id", ondelete="SET NULL"), index=True)
    start_time: Mapped[float] = mapped_column(Double, nullable=False)
    end_time: Mapped[float] = mapped_column(Double, nullable=False)
    text: Mapped[str] = mapped_column(Text, nullable=False)
    confidence: Mapped[float | None] = mapped_column(REAL)
