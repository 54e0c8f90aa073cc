"""Transcript segments.

Times are seconds into the media. The write schemas refuse negative times and a
confidence outside [0, 1]; the database has no such CHECKs, so `TranscriptSegmentRead`
does not either.
"""

from __future__ import annotations

from pydantic import BaseModel, NonNegativeFloat, model_validator

from app.schemas.common import Fraction, Omittable, TimestampedRead


def _times_in_order(segment: TranscriptSegmentCreate | TranscriptSegmentUpdate):
    """The `time_order` CHECK (`end_time >= start_time`), where both times are known."""
    start, end = segment.start_time, segment.end_time
    if start is not None and end is not None and end < start:
        raise ValueError(f"end_time ({end}) is before start_time ({start})")
    return segment


class TranscriptSegmentBase(BaseModel):
    media_file_id: int
    speaker_id: int | None = None
    text: str


class TranscriptSegmentCreate(TranscriptSegmentBase):
    start_time: NonNegativeFloat
    end_time: NonNegativeFloat
    confidence: Fraction | None = None

    _time_order = model_validator(mode="after")(_times_in_order)


class TranscriptSegmentUpdate(BaseModel):
    """A correction to a segment; it stays in its file. When only one time is given,
    the database CHECK guards the order against the stored other one."""

    speaker_id: int | None = None
    start_time: Omittable[NonNegativeFloat] = None
    end_time: Omittable[NonNegativeFloat] = None
    text: Omittable[str] = None
    confidence: Fraction | None = None

    _time_order = model_validator(mode="after")(_times_in_order)


class TranscriptSegmentRead(TranscriptSegmentBase, TimestampedRead):
    id: int
    start_time: float
    end_time: float
    confidence: float | None
