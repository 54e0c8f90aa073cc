"""The aggregate repositories on the real schema, sync and async alike: the library listing,
transcript ingest and reads, tags by name, speakers and profiles, comments, collections, tasks."""

from __future__ import annotations

import pytest

from app.db.statements import StatementCount
from app.models import FileStatus
from app.repositories import (
    AlreadyExists,
    CollectionRepository,
    CommentRepository,
    Invalid,
    MediaFileRepository,
    NotFound,
    SpeakerProfileRepository,
    SpeakerRepository,
    TagRepository,
    TaskRepository,
    TranscriptSegmentRepository,
)
from app.schemas import CollectionCreate, CommentCreate, MediaFileUpdate, SpeakerProfileCreate, TaskCreate
from tests.app import seed


def test_overview_lists_a_users_files_with_tags_and_counts(data):
    """Newest first, tag names alphabetical regardless of case, segment and speaker counts; other users' files
    and (with a status filter) other statuses left out."""
    owner, other = seed.user(data, "owner"), seed.user(data, "other")
    older = seed.media_file(data, owner, "older.wav")
    newer = seed.media_file(data, owner, "newer.wav")
    seed.media_file(data, other, "theirs.wav")
    tags = data(TagRepository)
    for name in ("zoom", "Interview", "alpha"):
        tags.attach(newer.id, name)
    speakers = [seed.speaker(data, newer.id, label) for label in ("SPEAKER_00", "SPEAKER_01")]
    data(TranscriptSegmentRepository).ingest(seed.segments(newer.id, 4, speaker_id=speakers[0].id))
    files = data(MediaFileRepository)
    files.update(older.id, MediaFileUpdate(status=FileStatus.completed))
    page = files.overview(owner)
    assert [(f.filename, f.tags, f.segment_count, f.speaker_count) for f in page.items] == [
        ("newer.wav", ["alpha", "Interview", "zoom"], 4, 2),
        ("older.wav", [], 0, 0),
    ]
    assert [f.id for f in files.overview(owner, status=FileStatus.completed).items] == [older.id]


def test_overview_pages_newest_first(data):
    user_id = seed.user(data)
    made = [seed.media_file(data, user_id, f"{i}.wav") for i in range(5)]
    files = data(MediaFileRepository)
    first = files.overview(user_id, limit=3)
    rest = files.overview(user_id, after=first.next_after, limit=3)
    assert [f.id for f in first.items + rest.items] == [f.id for f in reversed(made)]
    assert rest.next_after is None


def test_overview_is_one_statement_whatever_the_page_size(data):
    """No N+1: the listing with tags and counts costs one statement for 10 files and for 50."""
    user_id = seed.user(data)
    for i in range(60):
        media_file = seed.media_file(data, user_id, f"{i}.wav")
        data(TagRepository).attach(media_file.id, f"tag {i % 7}")
    files = data(MediaFileRepository)
    counts = {}
    for limit in (10, 50):
        with StatementCount(data.engine) as counted:
            assert len(files.overview(user_id, limit=limit).items) == limit
        counts[limit] = counted.count
    assert counts == {10: 1, 50: 1}, counted.statements


def test_ingest_copies_segments_in_the_session_transaction(data):
    """COPY goes through the session's own connection: the rows are visible to it, and gone on rollback."""
    media_file = seed.media_file(data, seed.user(data))
    data.commit()
    segments = data(TranscriptSegmentRepository)
    assert segments.ingest(seed.segments(media_file.id, 250)) == 250
    assert data.scalar("SELECT count(*) FROM transcript_segment") == 250
    data.rollback()
    assert data.scalar("SELECT count(*) FROM transcript_segment") == 0


def test_ingest_keeps_text_exactly(data):
    """Tabs, newlines, backslashes, quotes and a missing confidence survive COPY's text format."""
    media_file = seed.media_file(data, seed.user(data))
    odd = ["tab\there", "line\nbreak\r\n", "back\\slash \\N", "quote ' \" ", "ünïcødé"]
    segments = data(TranscriptSegmentRepository)
    created = list(seed.segments(media_file.id, len(odd), words=odd))
    created[0] = created[0].model_copy(update={"confidence": None})
    segments.ingest(created)
    read = segments.in_range(media_file.id)
    assert [s.text for s in read] == odd and read[0].confidence is None


def test_ingest_of_a_duplicate_segment_is_already_exists(data):
    """The same (file, start, text) twice breaks the unique index; the error names its columns."""
    media_file = seed.media_file(data, seed.user(data))
    twice = list(seed.segments(media_file.id, 2)) + list(seed.segments(media_file.id, 1))
    with pytest.raises(AlreadyExists, match="transcript segment with media_file_id=") as raised:
        data(TranscriptSegmentRepository).ingest(twice)
    assert raised.value.field == "media_file_id, start_time, text"


def test_ingest_for_a_missing_file_is_not_found(data):
    with pytest.raises(NotFound, match=r"^media file 4242 not found$"):
        data(TranscriptSegmentRepository).ingest(seed.segments(4242, 3))


def test_in_range_reads_overlapping_segments_in_time_order(data):
    media_file = seed.media_file(data, seed.user(data))
    segments = data(TranscriptSegmentRepository)
    segments.ingest(reversed(list(seed.segments(media_file.id, 10))))  # [0,2], [2,4], ... [18,20]
    assert [s.start_time for s in segments.in_range(media_file.id, 5, 9)] == [4, 6, 8]
    assert [s.start_time for s in segments.in_range(media_file.id, 15)] == [14, 16, 18]


def test_tags_attach_and_detach_by_name_regardless_of_case(data):
    """`meeting` is the seeded tag `Meeting`; attaching twice is one link; detach says whether it was on."""
    media_file = seed.media_file(data, seed.user(data))
    tags = data(TagRepository)
    seeded = tags.attach(media_file.id, "meeting")
    assert seeded.name == "Meeting"
    assert tags.attach(media_file.id, "MEETING").id == seeded.id
    new = tags.attach(media_file.id, "Quarterly")
    assert tags.of_file(media_file.id) == ["Meeting", "Quarterly"]
    assert tags.named("quarterly") == new
    assert tags.detach(media_file.id, "QUARTERLY") is True
    assert tags.detach(media_file.id, "quarterly") is False
    assert tags.of_file(media_file.id) == ["Meeting"]


def test_attaching_a_tag_to_a_missing_file_is_not_found(data):
    with pytest.raises(NotFound, match=r"^media file 99 not found$"):
        data(TagRepository).attach(99, "Meeting")


def test_assign_profile_links_a_speaker_within_its_users_files(data):
    user_id = seed.user(data)
    speaker = seed.speaker(data, seed.media_file(data, user_id).id)
    profile = data(SpeakerProfileRepository).create(SpeakerProfileCreate(user_id=user_id, name="Grace"))
    speakers = data(SpeakerRepository)
    linked = speakers.assign_profile(speaker.id, profile.id, verified=True)
    assert (linked.profile_id, linked.verified) == (profile.id, True)
    assert speakers.assign_profile(speaker.id, None).profile_id is None


def test_assign_profile_refuses_a_missing_or_foreign_profile(data):
    owner, stranger = seed.user(data), seed.user(data, "stranger")
    speaker = seed.speaker(data, seed.media_file(data, owner).id)
    foreign = data(SpeakerProfileRepository).create(SpeakerProfileCreate(user_id=stranger, name="Eve"))
    speakers = data(SpeakerRepository)
    with pytest.raises(NotFound, match="^speaker profile 777 not found$"):
        speakers.assign_profile(speaker.id, 777)
    with pytest.raises(NotFound, match="^speaker 888 not found$"):
        speakers.assign_profile(888, foreign.id)
    with pytest.raises(Invalid, match="belongs to another user"):
        speakers.assign_profile(speaker.id, foreign.id)


def test_merge_moves_every_speaker_and_deletes_the_other_profile(data):
    user_id = seed.user(data)
    profiles = data(SpeakerProfileRepository)
    keep, drop = (profiles.create(SpeakerProfileCreate(user_id=user_id, name=n)) for n in ("Ada L.", "Ada"))
    speakers = data(SpeakerRepository)
    linked = []
    for label in ("SPEAKER_00", "SPEAKER_01"):
        speaker = seed.speaker(data, seed.media_file(data, user_id).id, label)
        linked.append(speakers.assign_profile(speaker.id, drop.id).id)
    assert profiles.merge(keep.id, drop.id).id == keep.id
    assert [speakers.get(i).profile_id for i in linked] == [keep.id, keep.id]
    with pytest.raises(NotFound):
        profiles.get(drop.id)


def test_merge_refuses_itself_missing_and_other_users_profiles(data):
    first, second = seed.user(data), seed.user(data, "second")
    profiles = data(SpeakerProfileRepository)
    mine = profiles.create(SpeakerProfileCreate(user_id=first, name="Ada"))
    theirs = profiles.create(SpeakerProfileCreate(user_id=second, name="Ada"))
    with pytest.raises(Invalid, match="into itself"):
        profiles.merge(mine.id, mine.id)
    with pytest.raises(NotFound, match="^speaker profile 999 not found$"):
        profiles.merge(mine.id, 999)
    with pytest.raises(Invalid, match="different users"):
        profiles.merge(mine.id, theirs.id)


def test_profile_names_are_unique_per_user(data):
    user_id = seed.user(data)
    profiles = data(SpeakerProfileRepository)
    made = profiles.named(user_id, "Linus")
    assert profiles.named(user_id, "Linus") == made
    with pytest.raises(AlreadyExists, match=rf"^speaker profile with user_id={user_id}, name='Linus' exists$"):
        profiles.create(SpeakerProfileCreate(user_id=user_id, name="Linus"))


def test_comments_on_a_file_come_in_media_order(data):
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    comments = data(CommentRepository)
    for text, at in (("late", 30.0), ("general", None), ("early", 1.5)):
        comments.create(CommentCreate(media_file_id=media_file.id, user_id=user_id, text=text, timestamp=at))
    assert [c.text for c in comments.on_file(media_file.id)] == ["general", "early", "late"]


def test_comment_text_length_is_checked_by_the_database_too(data):
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    empty = CommentCreate.model_construct(media_file_id=media_file.id, user_id=user_id, text="", timestamp=None)
    with pytest.raises(Invalid, match="^comment text must satisfy char_length"):
        data(CommentRepository).create(empty)


def test_collections_hold_files_once_each_in_order(data):
    user_id = seed.user(data)
    collection = data(CollectionRepository).create(CollectionCreate(user_id=user_id, name="Talks"))
    first, second = seed.media_file(data, user_id, "1.wav"), seed.media_file(data, user_id, "2.wav")
    collections = data(CollectionRepository)
    assert collections.add_file(collection.id, first.id) is True
    assert collections.add_file(collection.id, second.id) is True
    assert collections.add_file(collection.id, first.id) is False
    assert [f.id for f in collections.files(collection.id)] == [first.id, second.id]
    assert collections.remove_file(collection.id, first.id) is True
    assert collections.remove_file(collection.id, first.id) is False
    with pytest.raises(NotFound, match="^media file 31337 not found$"):
        collections.add_file(collection.id, 31337)


def test_collection_names_are_unique_per_user(data):
    user_id = seed.user(data)
    collections = data(CollectionRepository)
    collections.create(CollectionCreate(user_id=user_id, name="Talks"))
    with pytest.raises(AlreadyExists, match="^collection with user_id=.*, name='Talks' exists$"):
        collections.create(CollectionCreate(user_id=user_id, name="Talks"))


def test_a_claimed_task_is_reported_on_finished_or_failed(data):
    """claim_next takes the oldest pending task of the type asked for; progress, finish and fail record it."""
    user_id = seed.user(data)
    tasks = data(TaskRepository)
    for name, kind in (("sum", "summarization"), ("t1", "transcription"), ("t2", "transcription")):
        tasks.create(TaskCreate(id=name, user_id=user_id, task_type=kind))
    claimed = tasks.claim_next("transcription")
    assert (claimed.id, claimed.status) == ("t1", "in_progress")
    assert tasks.report_progress("t1", 0.5).progress == 0.5
    done = tasks.finish("t1", {"segments": 3})
    assert (done.status, done.progress, done.result, done.completed_at is not None) == (
        "completed",
        1.0,
        {"segments": 3},
        True,
    )
    assert tasks.claim_next().id == "sum"
    failed = tasks.fail("sum", "model not loaded")
    assert (failed.status, failed.error_message) == ("failed", "model not loaded")
    assert tasks.claim_next("transcription").id == "t2"
    assert tasks.claim_next() is None
    with pytest.raises(NotFound, match="^task nope not found$"):
        tasks.report_progress("nope", 0.1)
