"""Full-text search over a user's transcript segments, ranked, with the file each belongs to.

The match is on `to_tsvector('simple', text)`, spelled exactly as the GIN index
`transcript_segment_text_fts_idx` is, so PostgreSQL can use it; the query text is read
by `websearch_to_tsquery` (words, "quoted phrases", OR, -not), which never fails on input.
"""

from __future__ import annotations

from sqlalchemy import Select, func, literal_column, select

from app.models import MediaFile, TranscriptSegment
from app.repositories.convert import to_reads
from app.repositories.plan import Plan, Planned, planned
from app.schemas.views import SearchHit

SIMPLE = literal_column("'simple'::regconfig")
DEFAULT_HITS = 20


def search_statement(user_id: int, text: str, limit: int = DEFAULT_HITS) -> Select:
    """Best matches first (ts_rank), ties by segment id."""
    vector = func.to_tsvector(SIMPLE, TranscriptSegment.text)
    query = func.websearch_to_tsquery(SIMPLE, text)
    rank = func.ts_rank(vector, query)
    return (
        select(
            TranscriptSegment.id.label("segment_id"),
            TranscriptSegment.media_file_id,
            MediaFile.filename,
            TranscriptSegment.start_time,
            TranscriptSegment.end_time,
            TranscriptSegment.text,
            rank.label("rank"),
        )
        .join(MediaFile, MediaFile.id == TranscriptSegment.media_file_id)
        .where(MediaFile.user_id == user_id, vector.bool_op("@@")(query))
        .order_by(rank.desc(), TranscriptSegment.id)
        .limit(limit)
    )


class SearchRepository(Planned):
    @planned
    def search(self, user_id: int, text: str, limit: int = DEFAULT_HITS) -> Plan[list[SearchHit]]:
        """The user's segments matching `text`, best first."""
        return to_reads(SearchHit, (yield search_statement(user_id, text, limit)).all())
