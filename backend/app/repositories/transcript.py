"""Transcript segments: a worker's output streamed in by COPY, read back in time order."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.models import TranscriptSegment
from app.repositories.base import Repository
from app.repositories.convert import row_values, to_reads
from app.repositories.plan import Copy, Plan, planned
from app.schemas import TranscriptSegmentCreate, TranscriptSegmentRead, TranscriptSegmentUpdate

COPY_COLUMNS = ("media_file_id", "speaker_id", "start_time", "end_time", "text", "confidence")


class TranscriptSegmentRepository(
    Repository[TranscriptSegment, TranscriptSegmentCreate, TranscriptSegmentUpdate, TranscriptSegmentRead]
):
    model = TranscriptSegment
    read = TranscriptSegmentRead

    @planned
    def ingest(self, segments: Iterable[TranscriptSegmentCreate]) -> Plan[int]:
        """Bulk insert by COPY, in the session's transaction; how many rows. `segments` may be a
        generator: it is read as the rows are sent. A duplicate (file, start, text) is AlreadyExists."""
        rows = (row_values(segment, COPY_COLUMNS) for segment in segments)
        return (yield Copy(TranscriptSegment.__tablename__, COPY_COLUMNS, rows))

    @planned
    def in_range(
        self, media_file_id: int, start: float = 0.0, end: float | None = None
    ) -> Plan[list[TranscriptSegmentRead]]:
        """The file's segments that overlap [start, end] (to the end when `end` is None), by start time."""
        statement = select(TranscriptSegment).where(
            TranscriptSegment.media_file_id == media_file_id, TranscriptSegment.end_time >= start
        )
        if end is not None:
            statement = statement.where(TranscriptSegment.start_time <= end)
        rows = (yield statement.order_by(TranscriptSegment.start_time, TranscriptSegment.id)).scalars().all()
        return to_reads(self.read, rows)
