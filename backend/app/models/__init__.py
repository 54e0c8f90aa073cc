"""Every model, imported here so that `Base.metadata` is complete."""

from app.db.base import Base
from app.models.analytics import Analytics
from app.models.collection import Collection, CollectionMember
from app.models.comment import Comment
from app.models.ddl import attach_schema_ddl
from app.models.enums import FileStatus, TaskStatus, TaskType, UserRole
from app.models.media import MediaFile
from app.models.speaker import Speaker, SpeakerProfile
from app.models.summary import SummaryPrompt
from app.models.tag import FileTag, Tag
from app.models.task import Task
from app.models.transcript import TranscriptSegment
from app.models.user import User, UserSetting

attach_schema_ddl(Base.metadata)

__all__ = [
    "Analytics",
    "Base",
    "Collection",
    "CollectionMember",
    "Comment",
    "FileStatus",
    "FileTag",
    "MediaFile",
    "Speaker",
    "SpeakerProfile",
    "SummaryPrompt",
    "Tag",
    "Task",
    "TaskStatus",
    "TaskType",
    "TranscriptSegment",
    "User",
    "UserRole",
    "UserSetting",
]
