"""Collections: named sets of a user's media files."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.models import Collection, CollectionMember, MediaFile
from app.repositories.base import Repository
from app.repositories.convert import to_reads
from app.repositories.plan import Plan, planned
from app.schemas import CollectionCreate, CollectionRead, CollectionUpdate, MediaFileRead


class CollectionRepository(Repository[Collection, CollectionCreate, CollectionUpdate, CollectionRead]):
    model = Collection
    read = CollectionRead

    @planned
    def add_file(self, collection_id: int, media_file_id: int) -> Plan[bool]:
        """Put the file in the collection; False when it was in already, NotFound when either is missing."""
        statement = (
            pg_insert(CollectionMember)
            .values(collection_id=collection_id, media_file_id=media_file_id)
            .on_conflict_do_nothing()
            .returning(CollectionMember.media_file_id)
        )
        return (yield statement).first() is not None

    @planned
    def remove_file(self, collection_id: int, media_file_id: int) -> Plan[bool]:
        """Take the file out of the collection; False when it was not in it."""
        statement = (
            delete(CollectionMember)
            .where(CollectionMember.collection_id == collection_id, CollectionMember.media_file_id == media_file_id)
            .returning(CollectionMember.media_file_id)
            .execution_options(synchronize_session=False)
        )
        return (yield statement).first() is not None

    @planned
    def files(self, collection_id: int) -> Plan[list[MediaFileRead]]:
        """The collection's files in the order they were added."""
        statement = (
            select(MediaFile)
            .join(CollectionMember, CollectionMember.media_file_id == MediaFile.id)
            .where(CollectionMember.collection_id == collection_id)
            .order_by(CollectionMember.added_at, MediaFile.id)
        )
        return to_reads(MediaFileRead, (yield statement).scalars().all())
