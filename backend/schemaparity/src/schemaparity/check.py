"""Build every source into its own scratch database (or take it from the cache), snapshot each, compare."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from schemaparity.build import from_cache, keeper, start
from schemaparity.cache import Cached, SnapshotCache, cache_dir, cache_enabled
from schemaparity.condense import condense
from schemaparity.confine import confined
from schemaparity.diff import Difference, diff
from schemaparity.messages import describe
from schemaparity.pg.connect import server_major
from schemaparity.pg.servers import Server, as_server
from schemaparity.process import as_project
from schemaparity.result import CheckResult, SourceOutcome
from schemaparity.scratch import ScratchSession
from schemaparity.snapshot import DEFAULT_OPTIONS, SnapshotOptions
from schemaparity.sources import Source
from schemaparity.sources.tracebacks import project_files, python_error


@dataclass(frozen=True)
class ExtraCheck:
    """A check beside the builds that needs no database (the Pydantic schemas); `identity` keys its cache."""

    name: str
    identity: str
    run: Callable[[], list[Difference]]


def run_check(
    sources: Sequence[Source],
    server: str | Server | None,
    *,
    snapshot: SnapshotOptions = DEFAULT_OPTIONS,
    extra_checks: Sequence[ExtraCheck] = (),
    project_root: Path | None = None,
    pythonpath: tuple[Path, ...] = (),
    use_cache: bool | None = None,
) -> CheckResult:
    """Compare `sources` (two or more); builds run side by side, one scratch database each.

    `server` is where scratch databases go (a URL, or a server started only when a build
    needs it). With `project_root`, the project's code runs as if started from that folder
    (see `schemaparity.process`). Sources and extra checks whose inputs are unchanged come
    from the cache (see `schemaparity.cache`) unless `use_cache` is False.
    """
    started = time.monotonic()
    server = as_server(server)
    if server is None and any(source.needs_scratch for source in sources):
        return CheckResult((), (), ("no server for scratch databases",), time.monotonic() - started)
    with as_project(project_root, pythonpath):
        cache = _open_cache(sources, server, snapshot, use_cache)
        identity = _identities(project_root, pythonpath)
        hits = {s.name: cache.lookup(identity(s)) for s in sources if s.needs_scratch} if cache else {}
        to_build = [s for s in sources if s.needs_scratch and not hits.get(s.name)]
        running = server.running() if (to_build or any(not s.needs_scratch for s in sources)) and server else None
        with running or nullcontext(None) as url:
            mismatch = _version_mismatch(sources, url)
            if mismatch:
                return CheckResult((), (), (mismatch,), time.monotonic() - started)
            with ScratchSession(url) if to_build else nullcontext() as scratch:
                keep = keeper(cache, identity)
                outcomes, differences, errors = _outcomes(sources, hits, scratch, snapshot, extra_checks, cache, keep)
                reaped = scratch.reaped if scratch is not None else []
    differences = _compare(sources, outcomes) + _stamp_differences(sources, outcomes) + differences
    differences = [located(difference, sources, project_root) for difference in differences]
    notes = (f"dropped {len(reaped)} scratch database(s) left by checks that were killed",) if reaped else ()
    return CheckResult(outcomes, tuple(differences), tuple(errors), time.monotonic() - started, notes)


def _outcomes(sources, hits, scratch, options, extra_checks, cache, keep):
    """Every source's outcome (cached, or built side by side) and the extra checks' findings (run meanwhile)."""
    with ThreadPoolExecutor(max_workers=2 * len(sources)) as workers:
        databases = {
            source.name: workers.submit(scratch.create, source.name)
            for source in sources
            if source.needs_scratch and not hits.get(source.name)
        }
        try:
            futures = {
                source.name: workers.submit(start(source, databases.get(source.name), options, keep))
                for source in sources
                if not hits.get(source.name)
            }
            differences, errors = _run_extra_checks(extra_checks, cache, keep.identity)
            outcomes = tuple(
                from_cache(source, hits[source.name]) if hits.get(source.name) else futures[source.name].result()
                for source in sources
            )
        except KeyboardInterrupt:
            if scratch is not None:
                scratch.interrupt()  # the workers then fail fast; their databases are dropped on the way out
            raise
    return outcomes, differences, errors


def _open_cache(sources, server: Server | None, options, use_cache) -> SnapshotCache | None:
    if server is None or not cache_enabled(use_cache) or not any(source.needs_scratch for source in sources):
        return None
    try:
        return SnapshotCache(cache_dir(), server.identity(), options)
    except Exception:  # no cache is slower, never wrong
        return None


def _identities(root: Path | None, pythonpath: tuple[Path, ...]) -> Callable[[Source | ExtraCheck], str]:
    """A source's cache identity: what it is, and where its project's code is imported from."""
    where = [str(root) if root else None, [str(path) for path in pythonpath]]
    return lambda source: json.dumps([source.identity, *where])


def _compare(sources: Sequence[Source], outcomes: Sequence[SourceOutcome]) -> list[Difference]:
    """The differences between the sources that built, condensed."""
    snapshots = {o.name: o.snapshot for o in outcomes if o.ok}
    if len(snapshots) < 2:
        return []
    read_as_they_are = frozenset(source.name for source in sources if not source.needs_scratch)
    return condense(diff(snapshots, supersets=read_as_they_are), snapshots)


def _run_extra_checks(
    checks: Sequence[ExtraCheck], cache: SnapshotCache | None, identity: Callable[[ExtraCheck], str]
) -> tuple[list[Difference], list[str]]:
    """Run the checks that need no database (confined so that they cannot reach one either), or take
    their findings from the cache."""
    differences: list[Difference] = []
    errors: list[str] = []
    for check in checks:
        cached = cache.lookup(identity(check)) if cache else None
        if cached is not None:
            differences += cached.differences
            continue
        try:
            with confined(None):
                found = check.run()
        except Exception as error:  # reported, never a traceback
            errors.append(python_error(error))
            continue
        differences += found
        if cache is not None:
            cache.store(identity(check), project_files(), Cached(differences=tuple(found)))
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


def located(difference: Difference, sources: Sequence[Source], root: Path | None) -> Difference:
    """`difference` with where each source that has the object defines it."""
    by_name = {source.name: source for source in sources}
    places = []
    for name, value in difference.values:
        source = by_name.get(name)
        if source is None or (difference.attribute is None and value is None):
            continue  # not a source here (pydantic), or the object is missing there
        key = difference.key if difference.attribute != "name" else (*difference.key[:3], value)  # its own name
        try:
            found = source.locate(key)
        except Exception:  # a location is a help, never a reason to fail
            found = None
        if found is not None:
            places.append((name, found.shown_from(root)))
    return replace(difference, locations=tuple(places)) if places else difference


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
