"""Background tasks, keyed by the worker's own task id."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import REAL, BigInteger, CheckConstraint, DateTime, ForeignKey, Index, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.models.enums import TaskStatus, TaskType, task_status, task_type
from app.models.types import Timestamps


class Task(Timestamps, Base):
    __tablename__ = "task"
    __table_args__ = (
        CheckConstraint("progress >= 0 AND progress <= 1", name="progress"),
        Index("task_user_id_active_idx", "user_id", postgresql_where=text("status IN ('pending', 'in_progress')")),
        {"comment": "Background work (transcription, summaries, ...) keyed by the worker's task id."},
    )

    id: Mapped[str] = mapped_column(String(255), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), nullable=False)
    media_file_id: Mapped[int | None] = mapped_column(
        BigInteger, ForeignKey("media_file.id", ondelete="SET NULL"), index=True
    )
    task_type: Mapped[TaskType] = mapped_column(task_type, nullable=False)
    status: Mapped[TaskStatus] = mapped_column(task_status, nullable=False, server_default=TaskStatus.pending.value)
    progress: Mapped[float] = mapped_column(REAL, nullable=False, server_default=text("0"))
    result: Mapped[dict | None] = mapped_column(JSONB)
    error_message: Mapped[str | None] = mapped_column(Text)
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
