"""An existing database, only read: never built, never written."""

from __future__ import annotations

from dataclasses import dataclass

from schemaparity.pg.urls import hide_password
from schemaparity.sources.base import BuildError, StampRole


@dataclass(frozen=True)
class LiveSource:
    url: str
    name: str = "live"
    needs_scratch = False
    stamp_role = StampRole()

    @property
    def description(self) -> str:
        return hide_password(self.url)

    @property
    def identity(self) -> str:
        return ""  # never cached: a live database changes without a file changing

    def locate(self, key) -> None:
        return None  # a live database has no file to point at

    def prepare(self, url: str):
        raise BuildError("a live database is only read, never built")
