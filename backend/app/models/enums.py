"""The PostgreSQL enum types, as Python enums shared by models and schemas."""

from __future__ import annotations

import enum

from sqlalchemy import Enum


class UserRole(enum.StrEnum):
    user = "user"
    admin = "admin"


class FileStatus(enum.StrEnum):
    pending = "pending"
    queued = "queued"
    processing = "processing"
    completed = "completed"
    error = "error"
    cancelled = "cancelled"


class TaskType(enum.StrEnum):
    transcription = "transcription"
    summarization = "summarization"
    analytics = "analytics"
    speaker_identification = "speaker_identification"


class TaskStatus(enum.StrEnum):
    pending = "pending"
    in_progress = "in_progress"
    completed = "completed"
    failed = "failed"


def pg_enum(python_enum: type[enum.Enum], name: str) -> Enum:
    """A named PostgreSQL enum whose labels are the Python values, in declaration order."""
    return Enum(
        python_enum,
        name=name,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


user_role = pg_enum(UserRole, "user_role")
file_status = pg_enum(FileStatus, "file_status")
task_type = pg_enum(TaskType, "task_type")
task_status = pg_enum(TaskStatus, "task_status")
