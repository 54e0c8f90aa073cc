"""From one snapshot to another: every statement, in dependency order, with its hazards.

The upgrade plans the head's snapshot to the SQL file's; the downgrade is the same
planning the other way round. Renames are taken from the report's pairing (an object
of the same definition under another name) and become RENAME statements; reference
rows become INSERT, UPDATE and DELETE by their key.
"""

from __future__ import annotations

import json

from schemaparity.condense import condense
from schemaparity.diff import diff
from schemaparity.plan import objects, relations
from schemaparity.plan.change import Change, Key
from schemaparity.plan.names import Names, literal
from schemaparity.plan.steps import DATA_LOSS, Plan, Step
from schemaparity.snapshot import DATA_KIND, Snapshot

PLANNED = {"extension", "schema", "enum", "domain", "composite", "table", "column", "constraint", "index",
           "sequence", "view", "function", "trigger", "policy", "privilege", "comment", DATA_KIND}  # fmt: skip


class CannotPlan(Exception):
    """The change holds something no statement here can make; the message says what."""


def plan_change(before: Snapshot, after: Snapshot, names: Names, *, online: bool = False) -> Plan:
    unknown = sorted({obj.kind for obj in (*before.objects, *after.objects)} - PLANNED)
    if unknown:
        raise CannotPlan(f"no statements for {', '.join(unknown)} objects")
    change = Change(before, after, names, online, _renames(before, after))
    dropped = {(schema, table, None) for schema, table in change.tables_before - change.tables_after}
    recreated = objects.reading(change, _columns_that_change(change) | dropped)
    steps = [
        *_rename_steps(change),
        *objects.schemas_and_extensions(change),
        *objects.enums(change),
        *objects.domains_and_composites(change),
        *relations.sequences(change),
        *relations.tables(change),
        *relations.columns(change),
        *relations.constraints(change),
        *relations.indexes(change),
        *objects.functions(change),
        *objects.views(change, recreated),
        *objects.triggers(change),
        *objects.policies(change),
        *objects.privileges(change),
        *objects.comments(change, recreated),
        *_rows(change),
    ]
    return Plan(tuple(steps), _backfill_notes(change)).ordered()


def _backfill_notes(change: Change) -> tuple[str, ...]:
    """Columns added to tables that already hold rows: their values for those rows are a data migration."""
    added = [obj for obj in change.added("column") if change.existing(obj.schema, obj.table)]
    if not added:
        return ()
    strict = [obj.label for obj in added if relations.needs_a_value(obj) and not obj.detail("generated")]
    notes = [
        f"new column(s) {', '.join(obj.label for obj in added)} on existing tables: filling existing rows (a backfill)"
        " is a data migration no generator can infer; add it to upgrade() here"
    ]
    if strict:
        notes.append(
            f"{', '.join(strict)} NOT NULL without a default: the upgrade fails on a table with rows"
            " unless they are filled first"
        )
    return tuple(notes)


def _renames(before: Snapshot, after: Snapshot) -> dict[Key, str]:
    """(kind, schema, table, old name) -> new name, for the objects the report pairs as one under two names."""
    snapshots = {"before": before, "after": after}
    return {
        difference.key[:3] + (dict(difference.values)["before"],): dict(difference.values)["after"]
        for difference in condense(diff(snapshots), snapshots)
        if difference.attribute == "name"
    }


def _rename_steps(change: Change) -> list[Step]:
    steps, names = [], change.names
    for (kind, schema, table, old), new in sorted(
        change.renames.items(), key=lambda item: tuple(p or "" for p in item[0])
    ):
        relation = names.qualified(schema, table) if table else None
        statement = {
            "column": f"ALTER TABLE {relation} RENAME COLUMN {names.ident(old)} TO {names.ident(new)}",
            "constraint": f"ALTER TABLE {relation} RENAME CONSTRAINT {names.ident(old)} TO {names.ident(new)}",
            "index": f"ALTER INDEX {names.qualified(schema, old)} RENAME TO {names.ident(new)}",
            "trigger": f"ALTER TRIGGER {names.ident(old)} ON {relation} RENAME TO {names.ident(new)}",
            "sequence": f"ALTER SEQUENCE {names.qualified(schema, old)} RENAME TO {names.ident(new)}",
            "policy": f"ALTER POLICY {names.ident(old)} ON {relation} RENAME TO {names.ident(new)}",
            "enum": f"ALTER TYPE {names.qualified(schema, old)} RENAME TO {names.ident(new)}",
        }.get(kind)
        if statement:
            steps.append(Step("rename", f"rename {kind} {old} to {new}", statement))
    return steps


def _columns_that_change(change: Change) -> set[tuple]:
    """Columns dropped, renamed or changed in type (schema, table, name before): the views that read
    them are made again."""
    found = {(obj.schema, obj.table, obj.name) for obj in change.removed("column")}
    found |= {(b.schema, b.table, b.name) for b, a in change.changed("column") if b.detail("type") != a.detail("type")}
    found |= {(schema, table, old) for (kind, schema, table, old) in change.renames if kind == "column"}
    return found


def _rows(change: Change) -> list[Step]:
    """Reference rows: INSERT the new, UPDATE the changed and DELETE the removed, by their key."""
    steps = []
    before, after = change.of_kind(DATA_KIND)
    for key in sorted(after.keys() | before.keys(), key=lambda k: tuple(part or "" for part in k)):
        old_rows = [json.loads(row) for row in (before[key].detail("rows") or ())] if key in before else []
        new_rows = [json.loads(row) for row in (after[key].detail("rows") or ())] if key in after else []
        if old_rows == new_rows or (key[1], key[2]) not in change.tables_after:
            continue
        steps += _row_steps(change, key, old_rows, new_rows)
    return steps


def _row_steps(change: Change, key: Key, old_rows: list[dict], new_rows: list[dict]) -> list[Step]:
    _, schema, table, _ = key
    columns = change.columns(change.after, schema, table)
    row_key = _row_key(change, schema, table, new_rows or old_rows)
    name = change.names.qualified(schema, table)

    def value(column: str, row: dict) -> str:
        type_ = columns[column].detail("type") if column in columns else None
        text = literal(row[column])
        return f"{text}::{type_}" if type_ and row[column] is not None else text

    def where(row: dict) -> str:
        return " AND ".join(
            f"{change.names.ident(c)} = {value(c, row)}" if row[c] is not None else f"{change.names.ident(c)} IS NULL"
            for c in row_key
        )

    old_by_key = {tuple(json.dumps(row.get(c)) for c in row_key): row for row in old_rows}
    new_by_key = {tuple(json.dumps(row.get(c)) for c in row_key): row for row in new_rows}
    steps = []
    for found, row in old_by_key.items():
        if found not in new_by_key:
            steps.append(
                Step(
                    "delete rows",
                    f"delete a reference row of {table}",
                    f"DELETE FROM {name} WHERE {where(row)}",
                    hazards=(DATA_LOSS,),
                )
            )
    for found, row in new_by_key.items():
        if found not in old_by_key:
            listed = ", ".join(change.names.ident(c) for c in sorted(row))
            values = ", ".join(value(c, row) for c in sorted(row))
            steps.append(
                Step(
                    "insert rows",
                    f"insert a reference row of {table}",
                    f"INSERT INTO {name} ({listed}) VALUES ({values})",
                )
            )
        elif any(row[c] != old_by_key[found].get(c) for c in row):  # a new column's NULL is no change
            changes = ", ".join(
                f"{change.names.ident(c)} = {value(c, row)}" for c in sorted(row) if row[c] != old_by_key[found].get(c)
            )
            steps.append(
                Step(
                    "insert rows",
                    f"update a reference row of {table}",
                    f"UPDATE {name} SET {changes} WHERE {where(row)}",
                )
            )
    return steps


def _row_key(change: Change, schema: str | None, table: str, rows: list[dict]) -> list[str]:
    """The columns that identify a row: a one-column primary key or unique constraint the rows carry, else all."""
    present = set(rows[0]) if rows else set()
    for obj in sorted(change.after.objects, key=lambda item: item.sort_key):
        if (
            obj.kind == "constraint"
            and (obj.schema, obj.table) == (schema, table)
            and obj.detail("type") in ("primary key", "unique")
        ):
            inner = (obj.detail("definition") or "").partition("(")[2].rstrip(")")
            columns = [column.strip().strip('"') for column in inner.split(",")]
            if len(columns) == 1 and columns[0] in present:
                return columns
    return sorted(present)
