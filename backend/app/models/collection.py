"""Collections: named sets of media files."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, Boolean, ForeignKey, Identity, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import Timestamps, now_column, uuid_column


class Collection(Timestamps, Base):
    __tablename__ = "collection"
    __table_args__ = (
        UniqueConstraint("user_id", "name"),
        {"comment": "A named set of media files kept by a user."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    description: Mapped[str | None] = mapped_column(Text)
    is_public: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))


class CollectionMember(Base):
    __tablename__ = "collection_member"
    __table_args__ = {"comment": "Which media files are in which collections."}

    collection_id: Mapped[int] = mapped_column(ForeignKey("collection.id", ondelete="CASCADE"), primary_key=True)
    media_file_id: Mapped[int] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    added_at: Mapped[datetime] = now_column()
