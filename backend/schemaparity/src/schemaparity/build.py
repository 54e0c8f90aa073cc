"""One source's way to a snapshot: prepared in the main thread, built and read in a worker, or cached."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import Future
from contextlib import suppress

import psycopg2

from schemaparity.cache import Cached, SnapshotCache
from schemaparity.messages import describe
from schemaparity.pg.connect import connection
from schemaparity.result import SourceOutcome
from schemaparity.snapshot import DEFAULT_OPTIONS, Snapshot, SnapshotOptions, take_snapshot
from schemaparity.sources import BuildError, Built, Source, stamp_of


def snapshot_url(url: str, options: SnapshotOptions = DEFAULT_OPTIONS) -> Snapshot:
    """Snapshot a database in a read-only transaction."""
    return snapshot_and_stamp(url, options)[0]


def snapshot_and_stamp(url: str, options: SnapshotOptions) -> tuple[Snapshot, str | None]:
    """The snapshot and the stamped revision, read on one read-only connection."""
    with connection(url, readonly=True) as conn:
        return read_snapshot(conn, options)


def read_snapshot(conn, options: SnapshotOptions) -> tuple[Snapshot, str | None]:
    """The snapshot and stamp read on `conn` (read-only), its transaction ended afterwards: a connection
    kept open between changes to its database snapshots each state again, its catalog caches warm."""
    try:
        snapshot = take_snapshot(conn, options)
        with conn.cursor() as cursor:
            stamp = stamp_of(cursor)
    except BaseException:
        with suppress(psycopg2.Error):  # a lost connection: its own error is the one to report
            conn.rollback()
        raise
    conn.rollback()
    return snapshot, stamp


def from_cache(source: Source, cached: Cached) -> SourceOutcome:
    return SourceOutcome(
        source.name, source.description, cached.snapshot, stamp=cached.stamp, problems=cached.problems, cached=True
    )


def start(
    source: Source, database: Future | None, options: SnapshotOptions, keep: Callable[[Source, Built, Cached], None]
) -> Callable[[], SourceOutcome]:
    """Prepare `source` in this (the main) thread once its database exists; returns what builds and
    snapshots it in a worker (and hands a good build to `keep`, the cache). The databases are created
    side by side, ahead of this."""
    started = time.monotonic()

    def outcome(**fields) -> SourceOutcome:
        return SourceOutcome(source.name, source.description, seconds=time.monotonic() - started, **fields)

    def failed(error: Exception) -> Callable[[], SourceOutcome]:
        if isinstance(error, BuildError):
            result = outcome(error=str(error), log=error.log)
        else:
            result = outcome(error=describe(error))
        return lambda: result

    try:
        if database is None:
            url, build = source.url, Built
        else:
            url = database.result()
            build = source.prepare(url)
    except Exception as error:
        return failed(error)

    def finish() -> SourceOutcome:
        try:
            built = build()
            snapshot, stamp = snapshot_and_stamp(url, options)
        except Exception as error:
            return failed(error)()
        if database is not None:
            keep(source, built, Cached(snapshot, stamp, problems=built.problems))
        return outcome(snapshot=snapshot, stamp=stamp, notes=built.notes, problems=built.problems, log=built.log)

    return finish


def keeper(cache: SnapshotCache | None, identity: Callable[[Source], str]) -> Callable[[Source, Built, Cached], None]:
    """What stores a good build in `cache` (nothing when there is none)."""

    def keep(source: Source, built: Built, cached: Cached) -> None:
        if cache is not None and built.inputs:
            cache.store(identity(source), set(built.inputs), cached)

    keep.identity = identity
    return keep
