"""Tags, attached to and detached from files by name, regardless of case (`tag_name_lower_idx`)."""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert

from app.models import FileTag, Tag
from app.repositories.base import Repository
from app.repositories.plan import Plan, planned
from app.schemas import TagCreate, TagRead, TagUpdate


def _named(name: str):
    return func.lower(Tag.name) == func.lower(name)


class TagRepository(Repository[Tag, TagCreate, TagUpdate, TagRead]):
    model = Tag
    read = TagRead

    @planned
    def named(self, name: str) -> Plan[TagRead]:
        """The tag of this name in any case, created (as spelt here) when there is none."""
        return (yield from self._ensure({"name": name}, [func.lower(Tag.name)], [_named(name)]))

    @planned
    def attach(self, media_file_id: int, name: str) -> Plan[TagRead]:
        """Put the tag on the file (idempotent); NotFound when there is no such file."""
        tag = yield from self.named.plan(name)
        link = pg_insert(FileTag).values(media_file_id=media_file_id, tag_id=tag.id).on_conflict_do_nothing()
        yield link
        return tag

    @planned
    def detach(self, media_file_id: int, name: str) -> Plan[bool]:
        """Take the tag off the file; False when it was not on it."""
        statement = (
            delete(FileTag)
            .where(FileTag.media_file_id == media_file_id, FileTag.tag_id == Tag.id, _named(name))
            .returning(FileTag.tag_id)
            .execution_options(synchronize_session=False)
        )
        return (yield statement).first() is not None

    @planned
    def of_file(self, media_file_id: int) -> Plan[list[str]]:
        """The file's tag names, alphabetically regardless of case."""
        statement = (
            select(Tag.name)
            .join(FileTag, FileTag.tag_id == Tag.id)
            .where(FileTag.media_file_id == media_file_id)
            .order_by(func.lower(Tag.name))
        )
        return list((yield statement).scalars())
