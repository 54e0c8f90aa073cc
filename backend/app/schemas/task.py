"""Background tasks, keyed by the worker's own task id."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel

from app.models.enums import TaskStatus, TaskType
from app.schemas.common import Fraction, Omittable, TimestampedRead, VarChar255


class TaskBase(BaseModel):
    id: VarChar255  # the worker's own task id: the caller gives it, there is no identity
    user_id: int
    media_file_id: int | None = None
    task_type: TaskType


class TaskCreate(TaskBase):
    status: TaskStatus = TaskStatus.pending
    progress: Fraction = 0.0


class TaskUpdate(BaseModel):
    """Progress reported by the worker; what the task is and whose it is never change."""

    status: Omittable[TaskStatus] = None
    progress: Omittable[Fraction] = None
    result: dict[str, Any] | None = None
    error_message: str | None = None
    completed_at: datetime | None = None


class TaskRead(TaskBase, TimestampedRead):
    status: TaskStatus
    progress: Fraction
    result: dict[str, Any] | None
    error_message: str | None
    completed_at: datetime | None
