"""Summary prompts: system-wide ones and each user's own."""

from __future__ import annotations

import uuid

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Identity, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.types import Timestamps, uuid_column


class SummaryPrompt(Timestamps, Base):
    __tablename__ = "summary_prompt"
    __table_args__ = (
        CheckConstraint("is_system OR user_id IS NOT NULL", name="owner"),
        # At most one default prompt per user.
        Index("summary_prompt_user_id_default_idx", "user_id", unique=True, postgresql_where=text("is_default")),
        {"comment": "Prompts for LLM summaries: system-wide ones and each user's own."},
    )

    id: Mapped[int] = mapped_column(Integer, Identity(), primary_key=True)
    uuid: Mapped[uuid.UUID] = uuid_column()
    name: Mapped[str] = mapped_column(String(255), nullable=False)
    prompt_text: Mapped[str] = mapped_column(Text, nullable=False)
    is_system: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    is_default: Mapped[bool] = mapped_column(Boolean, nullable=False, server_default=text("false"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
