"""Rows the data-layer tests start from, written through the repositories where there is one."""

from __future__ import annotations

import uuid

from app.repositories import MediaFileRepository, SpeakerRepository
from app.schemas import MediaFileCreate, MediaFileRead, SpeakerCreate, SpeakerRead, TranscriptSegmentCreate


def user(data, name: str = "ada") -> int:
    """A user (there is no user repository: accounts and password hashing belong to auth)."""
    return data.scalar(
        'INSERT INTO "user" (email, hashed_password) VALUES (:email, :hash) RETURNING id',
        email=f"{name}-{uuid.uuid4().hex[:8]}@example.org",
        hash="not-a-real-hash",
    )


def media_file(data, user_id: int, filename: str = "talk.wav", **fields) -> MediaFileRead:
    create = MediaFileCreate(
        user_id=user_id,
        filename=filename,
        storage_path=f"{user_id}/{uuid.uuid4().hex}/{filename}",
        file_size=1024,
        content_type="audio/wav",
        **fields,
    )
    return data(MediaFileRepository).create(create)


def speaker(data, media_file_id: int, label: str = "SPEAKER_00") -> SpeakerRead:
    return data(SpeakerRepository).create(SpeakerCreate(media_file_id=media_file_id, label=label))


def segments(media_file_id: int, count: int, *, speaker_id: int | None = None, start: float = 0.0, words=None):
    """`count` consecutive two-second segments, as a worker would stream them (a generator)."""
    for i in range(count):
        text = words[i % len(words)] if words else f"segment {i} of the talk"
        yield TranscriptSegmentCreate(
            media_file_id=media_file_id,
            speaker_id=speaker_id,
            start_time=start + 2 * i,
            end_time=start + 2 * i + 2,
            text=text,
            confidence=0.9,
        )
