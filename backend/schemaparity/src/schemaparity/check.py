"""Build every source into its own scratch database, snapshot each, and compare."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

from schemaparity.confine import confined
from schemaparity.diff import Difference, diff
from schemaparity.messages import describe
from schemaparity.pg.connect import connection, server_major
from schemaparity.process import as_project
from schemaparity.result import CheckResult, SourceOutcome
from schemaparity.scratch import ScratchSession
from schemaparity.snapshot import DEFAULT_IGNORED_TABLES, Snapshot, take_snapshot
from schemaparity.sources import BuildError, Built, Source, stamp_of
from schemaparity.sources.tracebacks import python_error

ExtraCheck = Callable[[], list[Difference]]


def run_check(
    sources: Sequence[Source],
    server_url: str | None,
    *,
    ignored_tables: tuple[str, ...] = DEFAULT_IGNORED_TABLES,
    data_tables: tuple[str, ...] = (),
    compare_owners: bool = False,
    extra_checks: Sequence[ExtraCheck] = (),
    project_root: Path | None = None,
    pythonpath: tuple[Path, ...] = (),
) -> CheckResult:
    """Compare `sources` (two or more); builds run side by side, one scratch database each.

    With `project_root`, the project's code runs as if started from that folder (see
    `schemaparity.process`). The extra checks (the Pydantic schemas) run while the
    sources build. Owners are compared only with `compare_owners`.
    """
    started = time.monotonic()
    mismatch = _version_mismatch(sources, server_url)
    if mismatch:
        return CheckResult((), (), (mismatch,), time.monotonic() - started)
    if server_url is None and any(source.needs_scratch for source in sources):
        return CheckResult((), (), ("no server for scratch databases",), time.monotonic() - started)
    needs_scratch = any(source.needs_scratch for source in sources)
    scratch_session = ScratchSession(server_url) if needs_scratch else nullcontext()
    with as_project(project_root, pythonpath), scratch_session as scratch:
        with ThreadPoolExecutor(max_workers=2 * len(sources)) as workers:
            databases = {
                source.name: workers.submit(scratch.create, source.name) for source in sources if source.needs_scratch
            }
            try:
                futures = [
                    workers.submit(
                        _start(source, databases.get(source.name), ignored_tables, data_tables, compare_owners)
                    )
                    for source in sources
                ]
                differences, errors = _run_extra_checks(extra_checks)
                outcomes = tuple(future.result() for future in futures)
            except KeyboardInterrupt:
                if scratch is not None:
                    scratch.interrupt()  # the workers then fail fast; their databases are dropped on the way out
                raise
        reaped = scratch.reaped if scratch is not None else []
    snapshots = {o.name: o.snapshot for o in outcomes if o.ok}
    differences = (diff(snapshots) if len(snapshots) >= 2 else []) + _stamp_differences(sources, outcomes) + differences
    notes = (f"dropped {len(reaped)} scratch database(s) left by checks that were killed",) if reaped else ()
    return CheckResult(outcomes, tuple(differences), tuple(errors), time.monotonic() - started, notes)


def _run_extra_checks(checks: Sequence[ExtraCheck]) -> tuple[list[Difference], list[str]]:
    """Run the checks that need no database, confined so that they cannot reach one either."""
    differences: list[Difference] = []
    errors: list[str] = []
    for check in checks:
        try:
            with confined(None):
                differences += check()
        except Exception as error:  # reported, never a traceback
            errors.append(python_error(error))
    return differences, errors


def _version_mismatch(sources: Sequence[Source], server_url: str | None) -> str | None:
    """Catalogs of different major versions differ (NOT NULL constraints, view text): refuse to compare them."""
    live = [source for source in sources if not source.needs_scratch]
    if not live or server_url is None or len(live) == len(sources):
        return None
    try:
        scratch = server_major(server_url)
        for source in live:
            major = server_major(source.url)
            if major != scratch:
                return (
                    f"the live database ({source.description}) runs PostgreSQL {major}, the scratch server "
                    f"PostgreSQL {scratch}: point SCHEMAPARITY_SERVER_URL at a PostgreSQL {major} server "
                    "(a role that may CREATE DATABASE) to compare them"
                )
    except Exception as error:
        return f"cannot compare: {describe(error)}"
    return None


def snapshot_url(
    url: str, ignored_tables: tuple[str, ...], data_tables: tuple[str, ...], compare_owners: bool = False
) -> Snapshot:
    """Snapshot a database in a read-only transaction."""
    return _snapshot_and_stamp(url, ignored_tables, data_tables, compare_owners)[0]


def _snapshot_and_stamp(url: str, ignored_tables, data_tables, compare_owners) -> tuple[Snapshot, str | None]:
    """The snapshot and the stamped revision, read on one read-only connection."""
    with connection(url, readonly=True) as conn:
        snapshot = take_snapshot(
            conn, ignored_tables=ignored_tables, data_tables=data_tables, compare_owners=compare_owners
        )
        with conn.cursor() as cursor:
            return snapshot, stamp_of(cursor)


def _start(
    source: Source, database: Future | None, ignored, data_tables, compare_owners
) -> Callable[[], SourceOutcome]:
    """Prepare `source` in this (the main) thread once its database exists; returns what builds and
    snapshots it in a worker. The databases are created side by side, ahead of this."""
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
            snapshot, stamp = _snapshot_and_stamp(url, ignored, data_tables, compare_owners)
        except Exception as error:
            return failed(error)()
        return outcome(snapshot=snapshot, stamp=stamp, notes=built.notes, problems=built.problems, log=built.log)

    return finish


def _stamp_differences(sources: Sequence[Source], outcomes: Sequence[SourceOutcome]) -> list[Difference]:
    """The revision a SQL file stamps must be the single Alembic head."""
    by_name = {o.name: o for o in outcomes}
    stamping = next((s for s in sources if s.stamp_role.stamps), None)
    heads = next((s for s in sources if s.stamp_role.head), None)
    if not (stamping and heads and by_name[stamping.name].ok and by_name[heads.name].ok):
        return []
    stamped, head = by_name[stamping.name].stamp, by_name[heads.name].stamp
    if stamped is None or stamped == head:  # None: the SQL file keeps no alembic_version at all
        return []
    values = ((stamping.name, stamped or "(not stamped)"), (heads.name, head))
    return [Difference("revision", None, None, "alembic_version", "alembic_version", "stamped revision", values, None)]
