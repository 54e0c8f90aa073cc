"""The library a user sees: files with tags and counts, tagging, comments, search.

Every method that takes a `user_id` acts only on that user's files: another user's file
is NotFound, exactly like a missing one, so an endpoint leaks nothing about it.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select

from app.models import FileStatus, MediaFile
from app.repositories import CommentRepository, MediaFileRepository, NotFound, SearchRepository, TagRepository
from app.repositories.plan import Plan, Planned, planned
from app.schemas import CommentCreate, CommentRead, MediaFileCreate, MediaFileRead, TagRead
from app.schemas.views import FileOverview, Page, SearchHit


class LibraryService(Planned):
    def __init__(self, session):
        super().__init__(session)
        self.files = MediaFileRepository(session)
        self.tags = TagRepository(session)
        self.comments = CommentRepository(session)
        self.index = SearchRepository(session)

    def _owned(self, user_id: int, media_file_id: int) -> Plan[None]:
        owned = select(MediaFile.id).where(MediaFile.id == media_file_id, MediaFile.user_id == user_id)
        if (yield owned).first() is None:
            raise NotFound("media file", media_file_id)

    @planned
    def add_file(self, data: MediaFileCreate, tags: Iterable[str] = ()) -> Plan[MediaFileRead]:
        """Record an upload, with its tags."""
        media_file = yield from self.files.create.plan(data)
        for name in tags:
            yield from self.tags.attach.plan(media_file.id, name)
        return media_file

    @planned
    def library(
        self, user_id: int, *, status: FileStatus | None = None, after: int | None = None, limit: int = 50
    ) -> Plan[Page[FileOverview]]:
        """A page of the user's files, newest first (one statement whatever `limit` is)."""
        return (yield from self.files.overview.plan(user_id, status=status, after=after, limit=limit))

    @planned
    def tag(self, user_id: int, media_file_id: int, name: str) -> Plan[TagRead]:
        yield from self._owned(user_id, media_file_id)
        return (yield from self.tags.attach.plan(media_file_id, name))

    @planned
    def untag(self, user_id: int, media_file_id: int, name: str) -> Plan[bool]:
        yield from self._owned(user_id, media_file_id)
        return (yield from self.tags.detach.plan(media_file_id, name))

    @planned
    def comment(self, data: CommentCreate) -> Plan[CommentRead]:
        """A comment by `data.user_id`, on one of that user's own files."""
        yield from self._owned(data.user_id, data.media_file_id)
        return (yield from self.comments.create.plan(data))

    @planned
    def remove_file(self, user_id: int, media_file_id: int) -> Plan[None]:
        """Delete the file; its segments, speakers, tags, comments and memberships go with it (CASCADE)."""
        yield from self._owned(user_id, media_file_id)
        yield from self.files.delete.plan(media_file_id)

    @planned
    def search(self, user_id: int, text: str, limit: int = 20) -> Plan[list[SearchHit]]:
        return (yield from self.index.search.plan(user_id, text, limit))
