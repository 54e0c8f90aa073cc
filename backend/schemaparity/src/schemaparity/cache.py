"""Snapshots cached by everything their build read: a check rebuilds only the sources that changed.

A source's entry is found by its identity (what it is, the scratch server's kind and
version, this engine's code, the options that shape a snapshot) and holds the hash of
every file the build read: the SQL file (and the files it includes), alembic.ini and
the revision folder, and every file of the project's own that was imported while the
models were created or the revisions ran (recorded during the build; a superset, so
that an indirectly imported module counts too). The entry is used only when every one
of those files is as it was. `--no-cache` or `SCHEMAPARITY_NO_CACHE=1` turns it off;
`SCHEMAPARITY_CACHE_DIR` moves it (default: ~/.cache/schemaparity/snapshots).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from schemaparity import __version__
from schemaparity.diff import Difference
from schemaparity.snapshot import DbObject, Snapshot, SnapshotOptions

CACHE_DIR_ENV = "SCHEMAPARITY_CACHE_DIR"
NO_CACHE_ENV = "SCHEMAPARITY_NO_CACHE"
FORMAT = 1


@dataclass(frozen=True)
class Cached:
    """What an entry gives back: a source's snapshot and stamp, or an extra check's differences."""

    snapshot: Snapshot | None = None
    stamp: str | None = None
    differences: tuple[Difference, ...] = ()
    problems: tuple[str, ...] = ()


def cache_enabled(flag: bool | None = None) -> bool:
    """On unless `--no-cache` (flag False) or SCHEMAPARITY_NO_CACHE=1."""
    return flag is not False and os.environ.get(NO_CACHE_ENV, "") not in ("1", "true", "yes")


def cache_dir() -> Path:
    configured = os.environ.get(CACHE_DIR_ENV)
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "schemaparity" / "snapshots"


class SnapshotCache:
    def __init__(self, folder: Path, server: str, options: SnapshotOptions):
        self.folder = folder
        self.context = {"format": FORMAT, "engine": engine_code(), "server": server, "options": _jsonable(options)}

    def lookup(self, identity: str) -> Cached | None:
        """The entry of `identity`, if every file its build read is unchanged."""
        try:
            entry = json.loads(self._path(identity).read_text())
        except (OSError, ValueError):
            return None
        if any(file_hash(Path(path)) != digest for path, digest in entry["files"].items()):
            return None
        snapshot = Snapshot(frozenset(DbObject(*fields) for fields in entry["objects"])) if "objects" in entry else None
        differences = tuple(_difference(fields) for fields in entry.get("differences", ()))
        return Cached(snapshot, entry.get("stamp"), differences, tuple(entry.get("problems", ())))

    def store(self, identity: str, inputs: set[Path], cached: Cached) -> None:
        """Remember `cached` for `identity`, with the hash of each input (written whole, or not at all)."""
        entry: dict[str, Any] = {"files": {str(path): file_hash(path) for path in sorted(inputs) if path.is_file()}}
        if cached.snapshot is not None:
            objects = sorted(cached.snapshot.objects, key=lambda obj: obj.sort_key)
            entry["objects"] = [[obj.kind, obj.schema, obj.table, obj.name, obj.details] for obj in objects]
            entry["stamp"] = cached.stamp
        entry["differences"] = [_fields(difference) for difference in cached.differences]
        entry["problems"] = list(cached.problems)
        self.folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("w", dir=self.folder, delete=False, suffix=".tmp") as handle:
            json.dump(entry, handle)
        os.replace(handle.name, self._path(identity))

    def _path(self, identity: str) -> Path:
        key = json.dumps({**self.context, "identity": identity}, sort_keys=True)
        return self.folder / f"{hashlib.sha256(key.encode()).hexdigest()[:40]}.json"


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@cache
def engine_code() -> str:
    """This engine's version and the hash of its own files (a changed engine never reads an old entry)."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".sql"):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _jsonable(options: SnapshotOptions) -> dict:
    return {
        "ignored_tables": list(options.ignored_tables),
        "data_tables": list(options.data_tables),
        "data_keep_columns": {table: list(columns) for table, columns in sorted(options.data_keep_columns.items())},
        "compare_owners": options.compare_owners,
    }


def _fields(difference: Difference) -> list:
    values = [[source, value] for source, value in difference.values]
    return [difference.kind, difference.schema, difference.table, difference.name, difference.label,
            difference.attribute, values, difference.odd_one_out]  # fmt: skip


def _difference(fields: list) -> Difference:
    kind, schema, table, name, label, attribute, values, odd = fields
    return Difference(kind, schema, table, name, label, attribute, tuple((s, _frozen(v)) for s, v in values), odd)


def _frozen(value: Any) -> Any:
    return tuple(_frozen(item) for item in value) if isinstance(value, list) else value
