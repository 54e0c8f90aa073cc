"""Read views that span tables: a page of results, a file's overview, a search hit.

They mirror no single table, so they are not exported by `app.schemas` (whose `__all__`
is exactly the XBase/XCreate/XUpdate/XRead of each table) and their names are none of
`<Model><Kind>`: the schema-parity check looks schemas up by those names only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Generic, TypeVar
from uuid import UUID

from pydantic import BaseModel

from app.models.enums import FileStatus
from app.schemas.common import ORMRead

T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a keyset-paginated list: pass `next_after` back as `after`; None on the last page."""

    items: list[T]
    next_after: Any | None = None


class FileOverview(ORMRead):
    """A media file as a library lists it: its tags and how much transcript it has."""

    id: int
    uuid: UUID
    filename: str
    status: FileStatus
    duration: float | None
    created_at: datetime
    tags: list[str]
    segment_count: int
    speaker_count: int


class SearchHit(ORMRead):
    """A transcript segment that matches a search, with its file and rank (higher is better)."""

    segment_id: int
    media_file_id: int
    filename: str
    start_time: float
    end_time: float
    text: str
    rank: float
