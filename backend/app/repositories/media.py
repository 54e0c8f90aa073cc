"""Media files, and the library listing: a user's files with tags and counts in one query."""

from __future__ import annotations

from sqlalchemy import Select, String, cast, func, literal_column, select
from sqlalchemy.dialects.postgresql import ARRAY, aggregate_order_by

from app.models import FileStatus, FileTag, MediaFile, Speaker, Tag, TranscriptSegment
from app.repositories.base import DEFAULT_PAGE, Repository, paged
from app.repositories.convert import to_reads
from app.repositories.plan import Plan, planned
from app.schemas import MediaFileCreate, MediaFileRead, MediaFileUpdate
from app.schemas.views import FileOverview, Page


def overview_statement(user_id: int, status: FileStatus | None, after: int | None, limit: int) -> Select:
    """Newest first; tag names and counts as correlated subqueries, so the page is one statement
    whatever its size (each subquery is an index lookup on its table's media_file_id)."""
    of_file = MediaFile.id
    tags = (
        select(
            func.coalesce(
                func.array_agg(aggregate_order_by(Tag.name, func.lower(Tag.name))),
                cast(literal_column("'{}'"), ARRAY(String)),
            )
        )
        .join(FileTag, FileTag.tag_id == Tag.id)
        .where(FileTag.media_file_id == of_file)
        .scalar_subquery()
    )
    segments = select(func.count()).where(TranscriptSegment.media_file_id == of_file).scalar_subquery()
    speakers = select(func.count()).where(Speaker.media_file_id == of_file).scalar_subquery()
    statement = select(
        MediaFile.id,
        MediaFile.uuid,
        MediaFile.filename,
        MediaFile.status,
        MediaFile.duration,
        MediaFile.created_at,
        tags.label("tags"),
        segments.label("segment_count"),
        speakers.label("speaker_count"),
    ).where(MediaFile.user_id == user_id)
    if status is not None:
        statement = statement.where(MediaFile.status == status)
    if after is not None:
        statement = statement.where(MediaFile.id < after)
    return statement.order_by(MediaFile.id.desc()).limit(limit + 1)


class MediaFileRepository(Repository[MediaFile, MediaFileCreate, MediaFileUpdate, MediaFileRead]):
    model = MediaFile
    read = MediaFileRead

    @planned
    def overview(
        self, user_id: int, *, status: FileStatus | None = None, after: int | None = None, limit: int = DEFAULT_PAGE
    ) -> Plan[Page[FileOverview]]:
        """A page of the user's library, newest first, optionally of one status only."""
        rows = (yield overview_statement(user_id, status, after, limit)).all()
        return paged(to_reads(FileOverview, rows), limit, lambda item: item.id)
