"""Build every source into its own scratch database, snapshot each, and compare."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor

import psycopg2

from schemaparity.diff import Difference, diff
from schemaparity.messages import describe
from schemaparity.pgclient import connect_kwargs
from schemaparity.result import CheckResult, SourceOutcome
from schemaparity.server import interrupt_builds, scratch_database
from schemaparity.snapshot import DEFAULT_IGNORED_TABLES, Snapshot, take_snapshot
from schemaparity.sources import (
    BuildError,
    LiveSource,
    MigrationsSource,
    Source,
    SqlFileSource,
    single_stamp,
    stamped_revisions,
)

ExtraCheck = Callable[[], list[Difference]]


def run_check(
    sources: Sequence[Source],
    server_url: str | None,
    *,
    ignored_tables: tuple[str, ...] = DEFAULT_IGNORED_TABLES,
    data_tables: tuple[str, ...] = (),
    extra_checks: Sequence[ExtraCheck] = (),
) -> CheckResult:
    """Compare `sources` (two or more); builds run side by side, one scratch database each."""
    started = time.monotonic()
    mismatch = _version_mismatch(sources, server_url)
    if mismatch:
        return CheckResult((), (), (mismatch,), time.monotonic() - started)

    def outcome_of(source: Source) -> SourceOutcome:
        return _build_and_snapshot(source, server_url, ignored_tables, data_tables)

    with ThreadPoolExecutor(max_workers=len(sources)) as workers:
        try:
            outcomes = tuple(workers.map(outcome_of, sources))
        except KeyboardInterrupt:
            interrupt_builds()  # the workers then fail fast, and drop their databases on the way out
            raise
    snapshots = {o.name: o.snapshot for o in outcomes if o.ok}
    differences = diff(snapshots) if len(snapshots) >= 2 else []
    differences += _stamp_differences(sources, outcomes)
    errors: list[str] = []
    for check in extra_checks:
        try:
            differences += check()
        except Exception as error:  # reported, never a traceback
            errors.append(f"{type(error).__name__}: {error}")
    return CheckResult(outcomes, tuple(differences), tuple(errors), time.monotonic() - started)


def server_major(url: str) -> int:
    """The major version of the server behind `url` (15, 18, ...)."""
    connection = psycopg2.connect(**connect_kwargs(url))
    try:
        return connection.server_version // 10000
    finally:
        connection.close()


def _version_mismatch(sources: Sequence[Source], server_url: str | None) -> str | None:
    """Catalogs of different major versions differ (NOT NULL constraints, view text): refuse to compare them."""
    live = [source for source in sources if isinstance(source, LiveSource)]
    if not live or server_url is None or len(live) == len(sources):
        return None
    scratch = server_major(server_url)
    for source in live:
        major = server_major(source.url)
        if major != scratch:
            return (
                f"the live database ({source.description}) runs PostgreSQL {major}, the scratch server "
                f"PostgreSQL {scratch}: point SCHEMAPARITY_SERVER_URL at a PostgreSQL {major} server "
                "(a role that may CREATE DATABASE) to compare them"
            )
    return None


def snapshot_url(url: str, ignored_tables: tuple[str, ...], data_tables: tuple[str, ...]) -> Snapshot:
    """Snapshot a database in a read-only transaction."""
    return _snapshot_and_stamp(url, ignored_tables, data_tables)[0]


def _snapshot_and_stamp(url: str, ignored_tables, data_tables) -> tuple[Snapshot, str | None]:
    """The snapshot and the stamped revision, read on one read-only connection."""
    connection = psycopg2.connect(**connect_kwargs(url))
    try:
        connection.set_session(readonly=True)
        snapshot = take_snapshot(connection, ignored_tables=ignored_tables, data_tables=data_tables)
        with connection.cursor() as cursor:
            return snapshot, single_stamp(stamped_revisions(cursor))
    finally:
        connection.close()


def _build_and_snapshot(source: Source, server_url: str | None, ignored, data_tables) -> SourceOutcome:
    started = time.monotonic()
    try:
        if isinstance(source, LiveSource):
            snapshot, stamp = _snapshot_and_stamp(source.url, ignored, data_tables)
        else:
            if server_url is None:
                raise BuildError("no server for scratch databases")
            with scratch_database(server_url, source.name) as url:
                source.build(url)
                snapshot, stamp = _snapshot_and_stamp(url, ignored, data_tables)
    except BuildError as error:
        return SourceOutcome(source.name, source.description, error=str(error), seconds=time.monotonic() - started)
    except Exception as error:
        return SourceOutcome(source.name, source.description, error=describe(error), seconds=time.monotonic() - started)
    return SourceOutcome(source.name, source.description, snapshot, None, time.monotonic() - started, stamp)


def _stamp_differences(sources: Sequence[Source], outcomes: Sequence[SourceOutcome]) -> list[Difference]:
    """The revision a SQL file stamps must be the single Alembic head."""
    by_name = {o.name: o for o in outcomes}
    sql = next((s for s in sources if isinstance(s, SqlFileSource)), None)
    migrations = next((s for s in sources if isinstance(s, MigrationsSource)), None)
    if not (sql and migrations and by_name[sql.name].ok and by_name[migrations.name].ok):
        return []
    stamped, head = by_name[sql.name].stamp, by_name[migrations.name].stamp
    if stamped == head:
        return []
    values = ((sql.name, stamped or "(not stamped)"), (migrations.name, head))
    return [Difference("revision", None, None, "alembic_version", "alembic_version", "stamped revision", values, None)]
