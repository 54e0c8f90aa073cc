"""A SQL file that builds the schema, run with psql in one transaction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from schemaparity.locations import Location
from schemaparity.locations.sql import sql_locations
from schemaparity.pg.psql import SqlFileError, run_sql_file
from schemaparity.sources.base import BuildError, Built, StampRole

_INCLUDE = re.compile(r"^\\(?P<command>ir|i|include_relative|include)\s+(?P<file>\S+)", re.MULTILINE)


@dataclass(frozen=True)
class SqlFileSource:
    path: Path
    name: str = "sql"
    needs_scratch = True
    stamp_role = StampRole(stamps=True)

    @property
    def description(self) -> str:
        return str(self.path)

    @property
    def identity(self) -> str:
        return f"sql {self.path.resolve()}"

    def prepare(self, url: str):
        return lambda: self.build(url)

    def locate(self, key) -> Location | None:
        if not self.path.is_file():
            return None
        return sql_locations(self.path, self.path.stat().st_mtime).locate(key)

    def build(self, url: str) -> Built:
        if not self.path.is_file():
            raise BuildError(f"{self.path}: no such file")
        try:
            run_sql_file(url, self.path)
        except SqlFileError as error:
            raise BuildError(error.describe()) from None
        return Built(inputs=frozenset(sql_inputs(self.path)))


def sql_inputs(path: Path) -> set[Path]:
    """The SQL file and those it includes with psql's `\\i` / `\\ir` (recursively)."""
    found, waiting = set(), [path.resolve()]
    while waiting:
        current = waiting.pop()
        if current in found or not current.is_file():
            continue
        found.add(current)
        for match in _INCLUDE.finditer(current.read_text(errors="replace")):
            name = match["file"].strip("'\"")
            relative = match["command"] in ("ir", "include_relative")
            waiting.append((current.parent / name if relative else Path(name)).resolve())
    return found
