"""A database's schema as a plain, hashable value, read from pg_catalog.

One query per object kind (see `queries/`), whatever the number of tables; every
object carries what PostgreSQL itself renders for it, so spellings that PostgreSQL
treats as the same (`now()` and `CURRENT_TIMESTAMP`, `int` and `integer`) are equal.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from importlib import resources
from typing import Any

from psycopg2 import sql

KINDS = (
    "extension",
    "schema",
    "enum",
    "domain",
    "composite",
    "table",
    "column",
    "constraint",
    "index",
    "sequence",
    "view",
    "function",
    "trigger",
    "policy",
    "privilege",
    "comment",
)
OWNER_KIND = "owner"  # read only when asked: scratch builds all run as one role
DATA_KIND = "data"
NAMED_ON = {"privilege": "grant on", OWNER_KIND: "owner of"}
DEFAULT_IGNORED_TABLES = ("public.alembic_version",)

_STRING = re.compile(r"'(?:[^']|'')*'")
_CALL = re.compile(r"[A-Za-z_][\w.]*\s*\(")
WRAPPED = "SELECT object_schema, object_table, object_name, details::text FROM ({query}) AS catalog"


@dataclass(frozen=True)
class SnapshotOptions:
    """What a snapshot leaves out and what it adds: the options that shape it."""

    ignored_tables: tuple[str, ...] = DEFAULT_IGNORED_TABLES  # schema.table, bookkeeping left out
    data_tables: tuple[str, ...] = ()  # tables whose (reference) rows are compared
    data_keep_columns: Mapping[str, Sequence[str]] = field(default_factory=dict)  # compared despite a default
    compare_owners: bool = False  # scratch builds all run as one role, so owners only on request


DEFAULT_OPTIONS = SnapshotOptions()


@dataclass(frozen=True)
class DbObject:
    """One schema object: its kind, where it lives, and what is compared.

    `details` is the canonical text of a JSON object (PostgreSQL's `jsonb` output, or
    `json.dumps(..., sort_keys=True)`): equal details are equal strings, and only the
    objects that differ are ever parsed.
    """

    kind: str
    schema: str | None
    table: str | None
    name: str
    details: str

    @classmethod
    def make(cls, kind: str, schema: str | None, table: str | None, name: str, /, **details: Any) -> DbObject:
        """An object built in Python (reference rows, tests), with canonical details text."""
        return cls(kind, schema, table, name, json.dumps(details, sort_keys=True))

    @property
    def key(self) -> tuple[str, str | None, str | None, str]:
        return (self.kind, self.schema, self.table, self.name)

    @property
    def sort_key(self) -> tuple[str, str, str, str]:
        return (self.kind, self.schema or "", self.table or "", self.name)

    @property
    def label(self) -> str:
        """How the report names it: `media_file.duration`, `tag_name_lower_idx`, `enum file_status`."""
        prefix = f"{self.schema}." if self.schema not in (None, "public") else ""
        if self.kind == "column":
            return f"{prefix}{self.table}.{self.name}"
        if self.kind in ("constraint", "index", "trigger", "comment"):
            return f"{prefix}{self.name}"
        if self.kind in NAMED_ON:  # "table media_file to PUBLIC" as "grant on table media_file to PUBLIC"
            what, _, rest = self.name.partition(" ")
            return f"{NAMED_ON[self.kind]} {what} {prefix}{rest}"
        if self.kind == "policy":
            return f"policy {self.name}"
        if self.kind == "composite":
            return f"composite type {prefix}{self.name}"
        if self.kind == DATA_KIND:
            return f"rows of {prefix}{self.name}"
        return f"{self.kind} {prefix}{self.name}"

    @cached_property
    def attributes(self) -> dict[str, Any]:
        """The details, parsed once; lists become tuples so values can be compared and hashed."""
        return {key: freeze(value) for key, value in json.loads(self.details).items()}

    def attributes_json(self) -> dict[str, Any]:
        """The details as plain JSON values (lists, not tuples), for making a changed copy."""
        return json.loads(self.details)

    def detail(self, attribute: str) -> Any:
        return self.attributes.get(attribute)


@dataclass(frozen=True)
class Snapshot:
    """Every object of one database; equal snapshots mean identical schemas."""

    objects: frozenset[DbObject] = frozenset()

    @classmethod
    def empty(cls) -> Snapshot:
        return cls()

    @cached_property
    def by_key(self) -> dict[tuple, DbObject]:
        return {obj.key: obj for obj in self.objects}

    def count(self, kind: str) -> int:
        return sum(1 for obj in self.objects if obj.kind == kind)


def freeze(value: Any) -> Any:
    """JSON values as hashable ones: lists become tuples, objects sorted item tuples."""
    if isinstance(value, list):
        return tuple(freeze(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((key, freeze(item)) for key, item in value.items()))
    return value


@cache
def catalog_query(kind: str) -> str:
    """`queries/<kind>.sql`, read once, with its details returned as jsonb text."""
    query = resources.files("schemaparity.queries").joinpath(f"{kind}.sql").read_text()
    return WRAPPED.format(query=query)


def take_snapshot(connection, options: SnapshotOptions = DEFAULT_OPTIONS) -> Snapshot:
    """Snapshot the database behind a psycopg2 `connection` (read only); owners only with `compare_owners`."""
    objects: list[DbObject] = []
    with connection.cursor() as cursor:
        for kind in (*KINDS, OWNER_KIND) if options.compare_owners else KINDS:
            cursor.execute(catalog_query(kind), {"ignored": list(options.ignored_tables)})
            objects.extend(DbObject(kind, schema, table, name, details) for schema, table, name, details in cursor)
        objects = _with_default_values(cursor, objects)
        columns = [obj for obj in objects if obj.kind == "column"]
        for qualified in options.data_tables:
            objects.append(_data_object(cursor, qualified, columns, options.data_keep_columns))
    return Snapshot(frozenset(objects))


def _with_default_values(cursor, objects: list[DbObject]) -> list[DbObject]:
    """Columns with a constant default gain its value (`default_value`), evaluated in their type."""
    from schemaparity.defaults import evaluate_constant_defaults, is_constant

    constant = [
        index
        for index, obj in enumerate(objects)
        if obj.kind == "column" and obj.detail("default") is not None and is_constant(obj.detail("default"))
    ]
    values = evaluate_constant_defaults(
        cursor, [(objects[i].detail("default"), objects[i].detail("type")) for i in constant]
    )
    for index, value in zip(constant, values, strict=True):
        if value is not None:
            obj = objects[index]
            objects[index] = DbObject.make(
                obj.kind, obj.schema, obj.table, obj.name, **obj.attributes_json(), default_value=value
            )
    return objects


def generated_columns(columns: list[DbObject], schema: str, table: str, keep: frozenset[str] = frozenset()) -> set[str]:
    """Columns whose values each build makes up, left out of the row comparison (unless kept): identities,
    and defaults that call a function (`gen_random_uuid()`, `now()`, `nextval(...)`), or any time default."""
    skipped = set()
    for column in columns:
        if (column.schema, column.table) != (schema, table) or column.name in keep:
            continue
        default = column.detail("default") or ""
        is_time = column.detail("type").startswith(("timestamp", "date", "time"))
        if column.detail("identity") or _CALL.search(_STRING.sub("", default)) or (is_time and default):
            skipped.add(column.name)
    return skipped


def _data_object(cursor, qualified: str, columns: list[DbObject], keep: Mapping[str, Sequence[str]]) -> DbObject:
    schema, _, table = qualified.rpartition(".")
    schema = schema or "public"
    kept = frozenset(keep.get(qualified, ())) | frozenset(keep.get(table, ()) if schema == "public" else ())
    skipped = generated_columns(columns, schema, table, kept)
    if not any((c.schema, c.table) == (schema, table) for c in columns):
        return DbObject.make(DATA_KIND, schema, table, table, rows=None)
    cursor.execute(sql.SQL("SELECT to_jsonb(t) FROM {}.{} AS t").format(sql.Identifier(schema), sql.Identifier(table)))
    rows = sorted(
        json.dumps({key: value for key, value in row.items() if key not in skipped}, sort_keys=True)
        for (row,) in cursor
    )
    return DbObject.make(DATA_KIND, schema, table, table, rows=rows)
