"""The README's "Using the data layer" examples, run as written: an endpoint on get_db() with
LibraryService, a worker on session_scope() with TranscriptionService, the async twin.

FastAPI is not a dependency of this project, so `Depends` here is a stand-in that does what
FastAPI does with a generator dependency in `Annotated[..., Depends(get_db)]`: take its one
value, close it after the call."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Annotated, get_type_hints

import pytest
from sqlalchemy import insert
from sqlalchemy.orm import Session

from app.core.config import get_settings
from app.db import sessions
from app.db.session_utils import async_session_scope, session_scope
from app.db.sessions import get_db
from app.models import FileStatus, User
from app.repositories import AlreadyExists, Invalid, NotFound, RepositoryError
from app.schemas import MediaFileCreate, TagRead, TaskCreate, TranscriptSegmentCreate
from app.schemas.views import FileOverview, Page
from app.services import LibraryService, TranscriptionService

# --- stand-ins for FastAPI and for the model run --------------------------------------


class Depends:
    def __init__(self, dependency):
        self.dependency = dependency


def call_endpoint(endpoint, **arguments):
    """Call `endpoint` as FastAPI would: a parameter `Annotated[..., Depends(generator)]` gets the generator's value."""
    opened = []
    for name, hint in get_type_hints(endpoint, include_extras=True).items():
        for marker in getattr(hint, "__metadata__", ()):
            if isinstance(marker, Depends):
                opened.append(marker.dependency())
                arguments[name] = next(opened[-1])
    try:
        return endpoint(**arguments)
    finally:
        for generator in opened:
            generator.close()


def run_model(task) -> list[TranscriptSegmentCreate]:
    return [
        TranscriptSegmentCreate(media_file_id=task.media_file_id, start_time=0, end_time=2.5, text="Hello."),
        TranscriptSegmentCreate(media_file_id=task.media_file_id, start_time=2.5, end_time=4, text="Welcome."),
    ]


# --- the README's code, as written there (its imports are at the top of this file) ------


STATUS_OF = {NotFound: 404, AlreadyExists: 409, Invalid: 422}


def http_status(error: RepositoryError) -> int:  # in FastAPI: an exception handler for RepositoryError
    return STATUS_OF[type(error)]


def list_library(
    user_id: int, db: Annotated[Session, Depends(get_db)], status: FileStatus | None = None, after: int | None = None
) -> Page[FileOverview]:
    """GET /users/{user_id}/files?status=&after= : one statement, whatever the page size."""
    return LibraryService(db).library(user_id, status=status, after=after, limit=50)


def tag_file(user_id: int, file_id: int, name: str, db: Annotated[Session, Depends(get_db)]) -> TagRead:
    """PUT /users/{user_id}/files/{file_id}/tags/{name}"""
    tag = LibraryService(db).tag(user_id, file_id, name)  # NotFound unless the file is the user's
    db.commit()
    return tag


def work_once() -> bool:
    """One turn of a transcription worker; False when the queue is empty."""
    with session_scope() as db:  # short transaction: SKIP LOCKED, never waits on another worker
        task = TranscriptionService(db).claim()
    if task is None:
        return False
    try:
        segments = run_model(task)  # outside any transaction; `task` is a TaskRead, never detached
    except Exception as error:
        with session_scope() as db:
            TranscriptionService(db).fail(task.id, str(error))
        raise
    with session_scope() as db:  # COPY of the segments, task completed, file completed: one commit
        TranscriptionService(db).store(task.id, segments)
    return True


async def list_library_async(user_id: int) -> Page[FileOverview]:
    async with async_session_scope() as db:  # AsyncSession on psycopg 3: the same services, awaited
        return await LibraryService(db).library(user_id)


# --- the tests --------------------------------------------------------------------------


@pytest.fixture
def configured(sql_db) -> Iterator[str]:
    """DATABASE_URL names a fresh database; the process-wide engines are made for it and disposed after."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", sql_db)
        for cached in (get_settings, sessions.get_engine, sessions.get_async_engine):
            cached.cache_clear()
        yield sql_db
        sessions.get_engine().dispose()
        for cached in (get_settings, sessions.get_engine, sessions.get_async_engine):
            cached.cache_clear()


def _user_with_file() -> tuple[int, int]:
    with session_scope() as db:
        user_id = db.scalar(insert(User).values(email="reader@example.org", hashed_password="x").returning(User.id))
        upload = MediaFileCreate(
            user_id=user_id, filename="a.wav", storage_path="a.wav", file_size=1, content_type="audio/wav"
        )
        return user_id, LibraryService(db).add_file(upload).id


def test_endpoint_example_lists_tags_and_maps_errors(configured):
    user_id, file_id = _user_with_file()
    assert call_endpoint(tag_file, user_id=user_id, file_id=file_id, name="meeting").name == "Meeting"
    page = call_endpoint(list_library, user_id=user_id)
    assert [(f.id, f.tags) for f in page.items] == [(file_id, ["Meeting"])]
    with pytest.raises(NotFound) as raised:
        call_endpoint(tag_file, user_id=user_id + 1, file_id=file_id, name="x")
    assert http_status(raised.value) == 404


def test_worker_example_claims_and_stores(configured):
    user_id, file_id = _user_with_file()
    with session_scope() as db:
        TranscriptionService(db).queue(
            TaskCreate(id="celery-1", user_id=user_id, media_file_id=file_id, task_type="transcription")
        )
    assert work_once() is True and work_once() is False
    item = call_endpoint(list_library, user_id=user_id).items[0]
    assert (item.status, item.segment_count) == (FileStatus.completed, 2)


def test_async_example_lists_the_library(configured):
    user_id, file_id = _user_with_file()

    async def scenario() -> Page[FileOverview]:
        try:
            return await list_library_async(user_id)
        finally:
            await sessions.get_async_engine().dispose()

    assert [f.id for f in asyncio.run(scenario()).items] == [file_id]
