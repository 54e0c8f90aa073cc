"""The two sides of a change, as the planners of each object kind read them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from schemaparity.plan.names import Names
from schemaparity.snapshot import DbObject, Snapshot

Key = tuple[str, str | None, str | None, str]


@dataclass
class Change:
    """From `before` (the chain's head) to `after` (the SQL file); renames are (kind, schema, table, old) -> new."""

    before: Snapshot
    after: Snapshot
    names: Names
    online: bool = False
    renames: dict[Key, str] = field(default_factory=dict)

    def of_kind(self, kind: str) -> tuple[dict[Key, DbObject], dict[Key, DbObject]]:
        """This kind's objects before (renamed ones under their new names) and after."""
        before = {}
        for key, obj in self.before.by_key.items():
            if key[0] == kind:
                new = self.renames.get(key)
                before[(*key[:3], new) if new else key] = obj
        return before, {key: obj for key, obj in self.after.by_key.items() if key[0] == kind}

    def added(self, kind: str) -> list[DbObject]:
        before, after = self.of_kind(kind)
        return [after[key] for key in sorted(after.keys() - before.keys(), key=_sort)]

    def removed(self, kind: str) -> list[DbObject]:
        before, after = self.of_kind(kind)
        return [before[key] for key in sorted(before.keys() - after.keys(), key=_sort)]

    def changed(self, kind: str) -> list[tuple[DbObject, DbObject]]:
        before, after = self.of_kind(kind)
        both = sorted(before.keys() & after.keys(), key=_sort)
        return [
            (before[key], after[key])
            for key in both
            if _renamed_details(before[key], after[key].name) != after[key].details
        ]

    @cached_property
    def tables_before(self) -> set[tuple[str | None, str]]:
        return {(obj.schema, obj.table) for obj in self.before.objects if obj.kind == "table"}

    @cached_property
    def tables_after(self) -> set[tuple[str | None, str]]:
        return {(obj.schema, obj.table) for obj in self.after.objects if obj.kind == "table"}

    def existing(self, schema: str | None, table: str | None) -> bool:
        """True when the table is there before the change (so work on it locks rows that exist)."""
        return (schema, table) in self.tables_before

    def columns(self, snapshot: Snapshot, schema: str | None, table: str) -> dict[str, DbObject]:
        return {
            obj.name: obj
            for obj in snapshot.objects
            if obj.kind == "column" and (obj.schema, obj.table) == (schema, table)
        }

    def enum_names(self) -> set[str]:
        return {obj.name for obj in (*self.before.objects, *self.after.objects) if obj.kind == "enum"}

    def table_name(self, obj: DbObject) -> str:
        return self.names.qualified(obj.schema, obj.table)


def _renamed_details(obj: DbObject, name: str) -> str:
    """`obj`'s details as they read under `name` (an index's definition names the index)."""
    if obj.name == name:
        return obj.details
    return re.sub(rf'(?<![\w"]){re.escape(obj.name)}(?![\w"])', name, obj.details)


def _sort(key: Key) -> tuple:
    return tuple(part or "" for part in key)
