"""Repositories: every read and write of the aggregates, on a `Session` or an `AsyncSession`.

`MediaFileRepository(session).get(42)` is a `MediaFileRead`; on an `AsyncSession` the same
call is awaited. Writes take the table's `XCreate`/`XUpdate`; failures are the typed
errors of `app.repositories.errors`.
"""

from app.repositories.base import Repository
from app.repositories.collection import CollectionRepository
from app.repositories.comment import CommentRepository
from app.repositories.errors import AlreadyExists, Invalid, NotFound, RepositoryError
from app.repositories.media import MediaFileRepository
from app.repositories.plan import Plan, Planned, planned
from app.repositories.search import SearchRepository
from app.repositories.speaker import SpeakerProfileRepository, SpeakerRepository
from app.repositories.tag import TagRepository
from app.repositories.task import TaskRepository
from app.repositories.transcript import TranscriptSegmentRepository

__all__ = [
    "AlreadyExists",
    "CollectionRepository",
    "CommentRepository",
    "Invalid",
    "MediaFileRepository",
    "NotFound",
    "Plan",
    "Planned",
    "Repository",
    "RepositoryError",
    "SearchRepository",
    "SpeakerProfileRepository",
    "SpeakerRepository",
    "TagRepository",
    "TaskRepository",
    "TranscriptSegmentRepository",
    "planned",
]
