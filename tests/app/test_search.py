"""Full-text search over a user's transcript segments: ranked, with the file, and on the GIN index."""

from __future__ import annotations

import random

from app.repositories import SearchRepository, TranscriptSegmentRepository
from app.repositories.search import search_statement
from tests.app import seed


def test_search_finds_a_users_segments_best_first_with_their_file(data):
    """Only the user's own segments; more occurrences rank higher; the hit names its file."""
    owner, other = seed.user(data), seed.user(data, "other")
    talk = seed.media_file(data, owner, "talk.wav")
    call = seed.media_file(data, owner, "call.wav")
    theirs = seed.media_file(data, other, "theirs.wav")
    segments = data(TranscriptSegmentRepository)
    segments.ingest(seed.segments(talk.id, 3, words=["the budget is due", "lunch at noon", "nothing here"]))
    segments.ingest(seed.segments(call.id, 1, words=["Budget, budget, and more BUDGET"]))
    segments.ingest(seed.segments(theirs.id, 1, words=["their budget"]))
    hits = data(SearchRepository).search(owner, "budget")
    assert [(h.filename, h.text) for h in hits] == [
        ("call.wav", "Budget, budget, and more BUDGET"),
        ("talk.wav", "the budget is due"),
    ]
    assert hits[0].rank > hits[1].rank and hits[1].start_time == 0 and hits[1].media_file_id == talk.id


def test_search_reads_web_search_syntax_and_never_fails_on_input(data):
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    data(TranscriptSegmentRepository).ingest(
        seed.segments(media_file.id, 3, words=["quarterly budget review", "budget quarterly", "review only"])
    )
    search = data(SearchRepository)
    assert [h.text for h in search.search(user_id, '"quarterly budget"')] == ["quarterly budget review"]
    assert [h.text for h in search.search(user_id, "review -budget")] == ["review only"]
    assert search.search(user_id, "  ) & ( ! ") == []


def test_search_uses_the_full_text_index(data):
    """EXPLAIN of the search, after ANALYZE of a few thousand segments, scans transcript_segment_text_fts_idx."""
    user_id = seed.user(data)
    media_file = seed.media_file(data, user_id)
    words = [f"word{i}" for i in range(500)]
    rng = random.Random(13)
    texts = [" ".join(rng.choices(words, k=10)) for _ in range(3000)]
    texts[1234] += " aardvark"
    data(TranscriptSegmentRepository).ingest(seed.segments(media_file.id, len(texts), words=texts))
    data.commit()
    data.execute("ANALYZE transcript_segment")
    compiled = search_statement(user_id, "aardvark").compile(dialect=data.engine.dialect)
    connection = data.wait(data.session.connection())
    plan = data.wait(connection.exec_driver_sql(f"EXPLAIN {compiled.string}", compiled.params))
    lines = [line for (line,) in plan]
    assert any("transcript_segment_text_fts_idx" in line for line in lines), "\n".join(lines)
    assert [h.text for h in data(SearchRepository).search(user_id, "aardvark")] == [texts[1234]]
