"""The two sides of a revision: the chain's head and the SQL file, each built in a scratch database."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from typing import Any

from schemaparity.build import read_snapshot, snapshot_and_stamp
from schemaparity.pg.connect import connection
from schemaparity.plan import Names
from schemaparity.scratch import ScratchSession
from schemaparity.snapshot import Snapshot, SnapshotOptions
from schemaparity.sources import BuildError, MigrationsSource, SqlFileSource


class SideError(Exception):
    """One side did not build; the message names the source and why."""

    def __init__(self, message: str, log: str = ""):
        super().__init__(message)
        self.log = log


@dataclass(frozen=True)
class Sides:
    head: str | None  # None: no revision yet (--initial)
    head_url: str  # the scratch database at head, where the proof runs
    head_reader: Any  # a read-only connection to it, open while the sides are: the proof's snapshots read there
    before: Snapshot
    after: Snapshot
    sql_stamp: str | None
    names: Names


@contextmanager
def built_sides(
    scratch: ScratchSession,
    migrations: MigrationsSource,
    sql: SqlFileSource,
    options: SnapshotOptions,
    *,
    initial: bool,
) -> Iterator[Sides]:
    """Build the head (an empty database with `initial`) and the SQL file side by side, and snapshot both."""
    head = None if initial else _single_head(migrations)
    with ExitStack() as readers:
        with ThreadPoolExecutor(max_workers=2) as workers:
            head_db, sql_db = workers.submit(scratch.create, "head"), workers.submit(scratch.create, "sql")
            head_url, sql_url = head_db.result(), sql_db.result()
            build_head = (lambda: None) if initial else _prepared(migrations, head_url)
            head_side = workers.submit(_built, migrations.description, build_head, head_url, options, readers)
            sql_side = workers.submit(_built, sql.description, lambda: sql.build(sql_url), sql_url, options)
            (before, _, head_reader), (after, sql_stamp, _) = head_side.result(), sql_side.result()
        yield Sides(head, head_url, head_reader, before, after, sql_stamp or None, scratch.read(Names.of))


def _single_head(migrations: MigrationsSource) -> str:
    try:
        return migrations.head()
    except BuildError as error:
        raise SideError(f"{migrations.description}: {error}") from None


def _prepared(migrations: MigrationsSource, url: str):
    try:
        return migrations.prepare(url)
    except BuildError as error:
        raise SideError(f"{migrations.description}: {error}", error.log) from None


def _built(description: str, build, url: str, options: SnapshotOptions, readers: ExitStack | None = None):
    """Build, then snapshot: (snapshot, stamp, reader). With `readers`, the snapshot is read on a connection
    kept open there for the proof, opened only now: a session sees the database settings (`ALTER DATABASE
    ... SET`) that were in place when it began, and the build may have made some."""
    try:
        build()
    except BuildError as error:
        raise SideError(f"{description} did not build: {error}", error.log) from None
    if readers is None:
        return (*snapshot_and_stamp(url, options), None)
    reader = readers.enter_context(connection(url, readonly=True))
    return (*read_snapshot(reader, options), reader)
