"""Speakers found in a file, and the profiles that link them across files."""

from __future__ import annotations

import uuid

from sqlalchemy import (
    REAL,
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import Timestamps, uuid_column


class SpeakerProfile(Timestamps, Base):
    __tablename__ = "speaker_profile"
    __table_args__ = (
        UniqueConstraint("user_id", "name"),
        Index("speaker_profile_name_idx", "name", postgresql_using="gin", postgresql_ops={"name": "gin_trgm_ops"}),
        {"comment": "A known person, recognised across many media files."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)


class Speaker(Timestamps, Base):
    __tablename__ = "speaker"
    __table_args__ = (
        UniqueConstraint("media_file_id", "label"),
        CheckConstraint("confidence >= 0 AND confidence <= 1", name="confidence"),
        {"comment": "A voice found by diarization in one media file (SPEAKER_00, ...)."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    media_file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="CASCADE"), nullable=False
    )
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("speaker_profile.id", ondelete="SET NULL"), index=True)
    label: Mapped[str] = mapped_column(String(50), nullable=False)
    display_name: Mapped[str | None] = mapped_column(String(255))
    suggested_name: Mapped[str | None] = mapped_column(String(255))
    verified: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    confidence: Mapped[float | None] = mapped_column(REAL)
