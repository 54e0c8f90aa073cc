"""The services as an endpoint and a worker use them, sync and async alike: ownership enforced,
the pipeline's states kept in step, speakers named and merged."""

from __future__ import annotations

import pytest

from app.models import FileStatus, TaskStatus
from app.repositories import (
    MediaFileRepository,
    NotFound,
    SpeakerProfileRepository,
    SpeakerRepository,
    TaskRepository,
)
from app.schemas import CommentCreate, MediaFileCreate, SpeakerProfileCreate, TaskCreate
from app.services import LibraryService, SpeakerService, TranscriptionService
from tests.app import seed


def _upload(user_id: int, filename: str = "talk.wav") -> MediaFileCreate:
    return MediaFileCreate(
        user_id=user_id, filename=filename, storage_path=f"{user_id}/{filename}", file_size=9, content_type="audio/wav"
    )


def test_library_adds_a_file_with_tags_and_lists_it(data):
    user_id = seed.user(data)
    library = data(LibraryService)
    media_file = library.add_file(_upload(user_id), tags=["Interview", "board"])
    page = library.library(user_id)
    assert [(f.id, f.tags) for f in page.items] == [(media_file.id, ["board", "Interview"])]
    assert library.untag(user_id, media_file.id, "BOARD") is True
    assert library.tag(user_id, media_file.id, "podcast").name == "Podcast"
    assert library.library(user_id).items[0].tags == ["Interview", "Podcast"]


def test_library_acts_only_on_the_users_own_files(data):
    """Another user's file is NotFound, as a missing one is: an endpoint reveals nothing about it."""
    owner, intruder = seed.user(data), seed.user(data, "intruder")
    library = data(LibraryService)
    media_file = library.add_file(_upload(owner))
    message = rf"^media file {media_file.id} not found$"
    for call in (
        lambda: library.tag(intruder, media_file.id, "Meeting"),
        lambda: library.untag(intruder, media_file.id, "Meeting"),
        lambda: library.comment(CommentCreate(media_file_id=media_file.id, user_id=intruder, text="hi")),
        lambda: library.remove_file(intruder, media_file.id),
    ):
        with pytest.raises(NotFound, match=message):
            call()
    assert library.comment(CommentCreate(media_file_id=media_file.id, user_id=owner, text="hi")).text == "hi"
    library.remove_file(owner, media_file.id)
    assert library.library(owner).items == []


def test_transcription_queue_claim_report_store(data):
    """A task's life as a worker drives it; its file's status follows; store() streams the segments in."""
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    service = data(TranscriptionService)
    service.queue(TaskCreate(id="w-1", user_id=user_id, media_file_id=media_file.id, task_type="transcription"))
    files = data(MediaFileRepository)
    assert files.get(media_file.id).status is FileStatus.queued
    task = service.claim()
    assert (task.id, task.status) == ("w-1", TaskStatus.in_progress)
    assert files.get(media_file.id).status is FileStatus.processing
    assert service.report("w-1", 0.25).progress == 0.25
    done = service.store("w-1", seed.segments(media_file.id, 12))
    assert (done.status, done.result) == (TaskStatus.completed, {"segments": 12})
    stored = data(LibraryService).library(user_id).items[0]
    assert (stored.status, stored.segment_count) == (FileStatus.completed, 12)
    assert files.get(media_file.id).completed_at is not None
    assert service.claim() is None


def test_transcription_failure_shows_on_the_file(data):
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    service = data(TranscriptionService)
    service.queue(TaskCreate(id="w-2", user_id=user_id, media_file_id=media_file.id, task_type="transcription"))
    service.claim()
    assert service.fail("w-2", "audio is silent").status is TaskStatus.failed
    failed = data(MediaFileRepository).get(media_file.id)
    assert (failed.status, failed.error_message) == (FileStatus.error, "audio is silent")
    assert data(TaskRepository).get("w-2").error_message == "audio is silent"


def test_speakers_named_by_a_person_share_one_profile_per_name(data):
    user_id = seed.user(data)
    first = seed.speaker(data, seed.media_file(data, user_id, "a.wav").id)
    second = seed.speaker(data, seed.media_file(data, user_id, "b.wav").id)
    service = data(SpeakerService)
    named = service.name_speaker(first.id, "Margaret")
    again = service.name_speaker(second.id, "Margaret")
    assert named.profile_id == again.profile_id and named.verified and again.verified


def test_suggested_profiles_stay_unverified_and_merge(data):
    user_id = seed.user(data)
    speaker = seed.speaker(data, seed.media_file(data, user_id).id)
    service = data(SpeakerService)
    made = data(SpeakerProfileRepository)
    profiles = [made.create(SpeakerProfileCreate(user_id=user_id, name=n)) for n in ("M. H.", "Margaret")]
    suggested = service.suggest(speaker.id, profiles[0].id)
    assert (suggested.profile_id, suggested.verified) == (profiles[0].id, False)
    kept = service.merge_profiles(profiles[1].id, profiles[0].id)
    assert data(SpeakerRepository).get(speaker.id).profile_id == kept.id == profiles[1].id
