"""The generic repository on the real schema, sync (psycopg2) and async (psycopg 3) alike:
get, get_by_uuid, keyset pages with filters, create, partial update, delete, and the typed
errors a caller sees instead of an IntegrityError."""

from __future__ import annotations

import uuid

import pytest
from pydantic import ValidationError

from app.models import FileStatus
from app.repositories import (
    AlreadyExists,
    CommentRepository,
    Invalid,
    MediaFileRepository,
    NotFound,
    TagRepository,
    TaskRepository,
    TranscriptSegmentRepository,
)
from app.schemas import CommentCreate, MediaFileUpdate, TagCreate, TaskCreate, TaskUpdate
from tests.app import seed
from tests.helpers import query


def test_create_returns_the_read_schema_with_database_defaults(data):
    """create() takes XCreate and gives XRead with what the database generated (id, uuid, status, now())."""
    media_file = seed.media_file(data, seed.user(data), metadata={"codec": "pcm"})
    assert media_file.id > 0 and isinstance(media_file.uuid, uuid.UUID)
    assert media_file.status is FileStatus.pending and media_file.metadata == {"codec": "pcm"}


def test_get_and_get_by_uuid_find_the_row(data):
    """The same row by primary key and by public uuid."""
    media_file = seed.media_file(data, seed.user(data))
    files = data(MediaFileRepository)
    assert files.get(media_file.id) == media_file
    assert files.get_by_uuid(media_file.uuid) == media_file


def test_missing_row_is_not_found_naming_it(data):
    """get, update and delete of a missing row raise NotFound: `media file 42 not found`."""
    files = data(MediaFileRepository)
    for call in (
        lambda: files.get(42),
        lambda: files.update(42, MediaFileUpdate(filename="x.wav")),
        lambda: files.delete(42),
    ):
        with pytest.raises(NotFound, match=r"^media file 42 not found$"):
            call()
    missing = uuid.UUID(int=1)
    with pytest.raises(NotFound, match=f"media file {missing} not found"):
        files.get_by_uuid(missing)


def test_update_changes_only_the_fields_that_were_set(data):
    """A left-out field keeps its value; an explicit null clears a nullable one; the trigger stamps updated_at."""
    media_file = seed.media_file(data, seed.user(data), language="en", duration=12.5)
    files = data(MediaFileRepository)
    changed = files.update(media_file.id, MediaFileUpdate(filename="renamed.wav", duration=None))
    assert (changed.filename, changed.duration, changed.language) == ("renamed.wav", None, "en")
    assert changed.updated_at >= media_file.updated_at
    assert files.get(media_file.id) == changed


def test_update_with_nothing_set_returns_the_row_unchanged(data):
    media_file = seed.media_file(data, seed.user(data))
    assert data(MediaFileRepository).update(media_file.id, MediaFileUpdate()) == media_file


def test_delete_removes_the_row(data):
    media_file = seed.media_file(data, seed.user(data))
    files = data(MediaFileRepository)
    files.delete(media_file.id)
    with pytest.raises(NotFound):
        files.get(media_file.id)


def test_list_pages_by_key_with_filters(data):
    """Pages of `limit` in key order; `next_after` leads to the next page and is None on the last."""
    user_id = seed.user(data)
    made = [seed.media_file(data, user_id, f"{i}.wav") for i in range(5)]
    files = data(MediaFileRepository)
    first = files.list(filters={"user_id": user_id}, limit=2)
    second = files.list(filters={"user_id": user_id}, after=first.next_after, limit=2)
    last = files.list(filters={"user_id": user_id}, after=second.next_after, limit=2)
    assert [f.id for f in first.items + second.items + last.items] == [f.id for f in made]
    assert last.next_after is None and len(last.items) == 1
    files.update(made[1].id, MediaFileUpdate(status=FileStatus.error))
    assert [f.id for f in files.list(filters={"status": [FileStatus.error, FileStatus.queued]}).items] == [made[1].id]
    assert [f.id for f in files.list(filters={"user_id": user_id, "language": None}).items] == [f.id for f in made]


def test_list_refuses_an_unknown_filter_column(data):
    with pytest.raises(Invalid, match="media file has no column colour"):
        data(MediaFileRepository).list(filters={"colour": "red"})


def test_list_pages_over_a_text_key(data):
    """Keyset paging works on any primary key: task ids are the worker's strings."""
    user_id = seed.user(data)
    tasks = data(TaskRepository)
    for name in ("b", "a", "c"):
        tasks.create(TaskCreate(id=name, user_id=user_id, task_type="transcription"))
    page = tasks.list(limit=2)
    assert [t.id for t in page.items] == ["a", "b"] and page.next_after == "b"
    assert [t.id for t in tasks.list(after=page.next_after).items] == ["c"]


def test_unique_violation_is_already_exists_naming_the_field(data):
    """A duplicate tag, in any case, is `tag 'Meeting' exists`; the caller never sees an IntegrityError."""
    tags = data(TagRepository)
    tags.create(TagCreate(name="Standup"))
    with pytest.raises(AlreadyExists, match=r"^tag 'STANDUP' exists$") as raised:
        tags.create(TagCreate(name="STANDUP"))
    assert (raised.value.entity, raised.value.field) == ("tag", "name")


def test_unique_violation_of_several_columns_names_each(data):
    """A second task with the same worker id names the primary-key column and its value."""
    user_id = seed.user(data)
    tasks = data(TaskRepository)
    tasks.create(TaskCreate(id="job-1", user_id=user_id, task_type="transcription"))
    with pytest.raises(AlreadyExists, match=r"^task with id='job-1' exists$"):
        tasks.create(TaskCreate(id="job-1", user_id=user_id, task_type="transcription"))


def test_missing_parent_is_not_found_naming_the_parent(data):
    """A row pointing at a missing file is `media file 42 not found`, with the foreign-key field."""
    with pytest.raises(NotFound, match=r"^media file 42 not found$") as raised:
        data(CommentRepository).create(CommentCreate(media_file_id=42, user_id=seed.user(data), text="hi"))
    assert raised.value.field == "media_file_id"


def test_check_violation_is_invalid_naming_the_column_and_the_rule(data):
    """A value only the database refuses (the schemas were bypassed) is Invalid, with the CHECK's rule."""
    user_id = seed.user(data)
    tasks = data(TaskRepository)
    tasks.create(TaskCreate(id="job", user_id=user_id, task_type="analytics"))
    with pytest.raises(ValidationError):
        TaskUpdate(progress=2)
    with pytest.raises(Invalid, match=r"^task progress must satisfy progress >= 0 AND progress <= 1$") as raised:
        tasks.update("job", TaskUpdate.model_construct(progress=2.0))
    assert raised.value.field == "progress"


def test_not_null_violation_is_invalid_naming_the_column(data):
    media_file = seed.media_file(data, seed.user(data))
    with pytest.raises(Invalid, match=r"^media file filename may not be null$"):
        data(MediaFileRepository).update(media_file.id, MediaFileUpdate.model_construct(filename=None))


def test_deleting_a_file_cascades_as_the_schema_says(data):
    """Segments, speakers, tags and comments go with their file; a task keeps living, unlinked (SET NULL)."""
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    speaker = seed.speaker(data, media_file.id)
    data(TranscriptSegmentRepository).ingest(seed.segments(media_file.id, 3, speaker_id=speaker.id))
    data(TagRepository).attach(media_file.id, "Meeting")
    data(CommentRepository).create(CommentCreate(media_file_id=media_file.id, user_id=user_id, text="nice"))
    task = data(TaskRepository).create(
        TaskCreate(id="t", user_id=user_id, media_file_id=media_file.id, task_type="transcription")
    )
    data(MediaFileRepository).delete(media_file.id)
    for table in ("transcript_segment", "speaker", "file_tag", "comment"):
        assert data.scalar(f"SELECT count(*) FROM {table}") == 0, table
    assert data(TaskRepository).get(task.id).media_file_id is None


def test_reads_see_the_database_not_the_identity_map(data, sql_db):
    """A row another connection changed reads as it is now, though this session loaded it before."""
    media_file = seed.media_file(data, seed.user(data))
    data.commit()
    files = data(MediaFileRepository)
    assert files.get(media_file.id).filename == "talk.wav"
    query(sql_db, "UPDATE media_file SET filename = 'elsewhere.wav' WHERE id = %s", (media_file.id,))
    assert files.get(media_file.id).filename == "elsewhere.wav"
    assert files.list(filters={"id": media_file.id}).items[0].filename == "elsewhere.wav"
