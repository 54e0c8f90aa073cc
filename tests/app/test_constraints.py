"""The schema's rules, enforced by PostgreSQL: cascades, SET NULL, CHECKs, the trigger."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from app.models import (
    Comment,
    MediaFile,
    Speaker,
    SpeakerProfile,
    SummaryPrompt,
    Task,
    TaskType,
    TranscriptSegment,
    User,
)


@pytest.fixture
def owner(db) -> User:
    user = User(email="Owner@Example.com", hashed_password="x" * 60)
    db.add(user)
    db.flush()
    return user


@pytest.fixture
def media(db, owner) -> MediaFile:
    media = MediaFile(
        user_id=owner.id, filename="a.wav", storage_path="/m/a.wav", file_size=10, content_type="audio/wav"
    )
    db.add(media)
    db.flush()
    return media


def test_deleting_a_user_cascades_to_files_segments_and_comments(db, owner, media):
    """ON DELETE CASCADE removes everything a user owns."""
    speaker = Speaker(media_file_id=media.id, label="SPEAKER_00")
    db.add(speaker)
    db.flush()
    db.add_all(
        [
            TranscriptSegment(media_file_id=media.id, speaker_id=speaker.id, start_time=0, end_time=1, text="hi"),
            Comment(media_file_id=media.id, user_id=owner.id, text="nice"),
        ]
    )
    db.flush()
    db.execute(text('DELETE FROM "user" WHERE id = :id'), {"id": owner.id})
    for table in ("media_file", "speaker", "transcript_segment", "comment"):
        assert db.scalar(text(f"SELECT count(*) FROM {table}")) == 0, table


def test_deleting_a_profile_or_speaker_sets_references_to_null(db, owner, media):
    """ON DELETE SET NULL keeps speakers and segments when what they point at goes."""
    profile = SpeakerProfile(user_id=owner.id, name="Ada")
    db.add(profile)
    db.flush()
    speaker = Speaker(media_file_id=media.id, label="SPEAKER_00", profile_id=profile.id)
    db.add(speaker)
    db.flush()
    segment = TranscriptSegment(media_file_id=media.id, speaker_id=speaker.id, start_time=0, end_time=1, text="x")
    task = Task(id="celery-1", user_id=owner.id, media_file_id=media.id, task_type=TaskType.transcription)
    db.add_all([segment, task])
    db.flush()
    db.execute(text("DELETE FROM speaker_profile WHERE id = :id"), {"id": profile.id})
    db.execute(text("DELETE FROM speaker WHERE id = :id"), {"id": speaker.id})
    assert db.execute(text("SELECT speaker_id FROM transcript_segment")).scalar_one() is None
    db.execute(text("DELETE FROM media_file WHERE id = :id"), {"id": media.id})
    assert db.execute(text("SELECT media_file_id FROM task")).scalar_one() is None


CHECK_CASES = [
    ("media_file_file_size_check", "UPDATE media_file SET file_size = -1"),
    ("media_file_duration_check", "UPDATE media_file SET duration = -0.5"),
    (
        "speaker_confidence_check",
        "INSERT INTO speaker (media_file_id, label, confidence) SELECT id, 'S', 1.5 FROM media_file",
    ),
    (
        "transcript_segment_time_order_check",
        "INSERT INTO transcript_segment (media_file_id, start_time, end_time, text)"
        " SELECT id, 5, 4, 't' FROM media_file",
    ),
    (
        "comment_text_length_check",
        "INSERT INTO comment (media_file_id, user_id, text) SELECT id, user_id, '' FROM media_file",
    ),
    (
        "comment_text_length_check",
        "INSERT INTO comment (media_file_id, user_id, text) SELECT id, user_id, repeat('x', 10001) FROM media_file",
    ),
    (
        "task_progress_check",
        "INSERT INTO task (id, user_id, task_type, progress) SELECT 't', user_id, 'analytics', 1.01 FROM media_file",
    ),
    ("summary_prompt_owner_check", "INSERT INTO summary_prompt (name, prompt_text) VALUES ('mine', 'p')"),
]


@pytest.mark.parametrize(
    ("constraint", "statement"), CHECK_CASES, ids=[f"{c}-{i}" for i, (c, _) in enumerate(CHECK_CASES)]
)
def test_check_constraint_rejects_bad_row(db, media, constraint, statement):
    """Each CHECK rejects a violating row, and the error names the constraint."""
    with pytest.raises(IntegrityError, match=constraint):
        db.execute(text(statement))


def test_unique_rules_reject_duplicates(db, owner, media):
    """Tag names are unique regardless of case; one default prompt per user."""
    with pytest.raises(IntegrityError, match="tag_name_lower_idx"):
        with db.begin_nested():
            db.execute(text("INSERT INTO tag (name) VALUES ('meeting')"))
    db.add(SummaryPrompt(name="a", prompt_text="p", user_id=owner.id, is_default=True))
    db.flush()
    with pytest.raises(IntegrityError, match="summary_prompt_user_id_default_idx"):
        db.add(SummaryPrompt(name="b", prompt_text="p", user_id=owner.id, is_default=True))
        db.flush()


def test_update_trigger_moves_updated_at(session_factory):
    """set_updated_at() stamps updated_at on UPDATE (now() is per transaction, so two commits)."""
    with session_factory() as session:
        user = User(email="t@example.com", hashed_password="h")
        session.add(user)
        session.commit()
        created = session.scalar(select(User.updated_at).where(User.id == user.id))
        time.sleep(0.01)
        session.execute(text("UPDATE \"user\" SET full_name = 'T' WHERE id = :id"), {"id": user.id})
        session.commit()
        updated = session.scalar(select(User.updated_at).where(User.id == user.id))
        assert updated > created
        assert session.scalar(select(User.created_at).where(User.id == user.id)) == created
