"""Tables, columns, constraints, indexes and sequences: the statements that take one schema to another."""

from __future__ import annotations

import re

from schemaparity.plan import ops
from schemaparity.plan.change import Change
from schemaparity.plan.steps import DATA_LOSS, LONG_LOCK, REWRITE, Step
from schemaparity.snapshot import DbObject

# What follows a key's column list and INCLUDE: its index's WITH goes before these.
_INDEX_TAIL = re.compile(r"(?= USING INDEX TABLESPACE | DEFERRABLE| NOT DEFERRABLE| INITIALLY )")
_NOT_NULL_DEFAULT = re.compile(r"^NOT NULL (?P<column>\S+)$")
# Same type, wider or without a length: no rewrite, nothing lost.
_WIDENS = {("character varying", "text"), ("character", "text"), ("character", "character varying")}


def tables(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("table"):
        columns = change.columns(change.after, obj.schema, obj.table)
        body = ",\n    ".join(column_definition(change, column) for column in _in_order(columns.values()))
        unlogged = "UNLOGGED " if obj.detail("persistence") == "unlogged" else ""
        partition = _partition_clause(obj)
        sql = f"CREATE {unlogged}TABLE {change.table_name(obj)} (\n    {body}\n){partition}"
        steps.append(
            Step(
                "create table",
                f"create table {obj.label.removeprefix('table ')}",
                sql,
                ops.create_table(change, obj, columns),
            )
        )
        steps += _table_options(change, None, obj)
    for obj in change.removed("table"):
        summary = f"drop table {obj.label.removeprefix('table ')} and its rows"
        steps.append(
            Step("drop table", summary, f"DROP TABLE {change.table_name(obj)}", ops.drop_table(obj), (DATA_LOSS,))
        )
    for before, after in change.changed("table"):
        steps += _table_options(change, before, after)
    return steps


def _table_options(change: Change, before: DbObject | None, after: DbObject) -> list[Step]:
    """Row security, persistence and storage parameters that differ from `before` (a new table: from the defaults)."""
    table, steps = change.table_name(after), []
    old = dict(before.attributes) if before else {"persistence": after.detail("persistence")}
    new = dict(after.attributes)
    for attribute, on, off in (
        ("row_security", "ENABLE ROW LEVEL SECURITY", "DISABLE ROW LEVEL SECURITY"),
        ("force_row_security", "FORCE ROW LEVEL SECURITY", "NO FORCE ROW LEVEL SECURITY"),
    ):
        if bool(old.get(attribute)) != bool(new.get(attribute)):
            action = on if new.get(attribute) else off
            steps.append(Step("alter column", f"{action.lower()} on {after.table}", f"ALTER TABLE {table} {action}"))
    if before is not None and old.get("persistence") != new.get("persistence"):
        logged = "SET UNLOGGED" if new.get("persistence") == "unlogged" else "SET LOGGED"
        steps.append(
            Step("alter column", f"{logged.lower()} {after.table}", f"ALTER TABLE {table} {logged}", hazards=(REWRITE,))
        )
    return steps + _storage(f"ALTER TABLE {table}", after.table, old.get("options"), new.get("options"))


def _storage(alter: str, label: str, before: list | None, after: list | None) -> list[Step]:
    """SET the storage parameters `after` adds or changes, RESET those it leaves out."""
    options_before, options_after = set(before or ()), set(after or ())
    steps = []
    if options_after - options_before:
        sql = f"{alter} SET ({', '.join(sorted(options_after - options_before))})"
        steps.append(Step("alter column", f"storage parameters of {label}", sql))
    gone = {option.split("=", 1)[0] for option in options_before} - {
        option.split("=", 1)[0] for option in options_after
    }
    if gone:
        steps.append(
            Step("alter column", f"reset storage parameters of {label}", f"{alter} RESET ({', '.join(sorted(gone))})")
        )
    return steps


def needs_a_value(column: DbObject) -> bool:
    """NOT NULL with nothing that fills it (no default, no identity): existing rows must get one."""
    return not column.detail("nullable") and column.detail("default") is None and not column.detail("identity")


def columns(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("column"):
        if not change.existing(obj.schema, obj.table):
            continue  # part of its CREATE TABLE
        hazards = (LONG_LOCK,) if needs_a_value(obj) else ()
        sql = f"ALTER TABLE {change.table_name(obj)} ADD COLUMN {column_definition(change, obj)}"
        steps.append(Step("add column", f"add column {obj.label}", sql, ops.add_column(change, obj), hazards))
    for obj in change.removed("column"):
        if (obj.schema, obj.table) not in change.tables_after:
            continue  # goes with its table
        sql = f"ALTER TABLE {change.table_name(obj)} DROP COLUMN {change.names.ident(obj.name)}"
        steps.append(
            Step("drop column", f"drop column {obj.label} and its values", sql, ops.drop_column(obj), (DATA_LOSS,))
        )
    for before, after in change.changed("column"):
        steps += _altered_column(change, before, after)
    return steps


def _altered_column(change: Change, before: DbObject, after: DbObject) -> list[Step]:
    table, column = change.table_name(after), change.names.ident(after.name)
    alter = f"ALTER TABLE {table} ALTER COLUMN {column}"
    old, new = dict(before.attributes), dict(after.attributes)
    if old.get("generated") != new.get("generated"):  # a generated column is dropped and added again
        drop = f"ALTER TABLE {table} DROP COLUMN {column}"
        add = f"ALTER TABLE {table} ADD COLUMN {column_definition(change, after)}"
        return [
            Step("alter column", f"recompute generated column {after.label}", f"{drop};\n{add}", hazards=(REWRITE,))
        ]
    if old.get("identity") != new.get("identity") and _serial(old) != _serial(new):
        return [_serial_and_identity(change, before, after)]
    steps = []
    same_default = _default(old) == _default(new)
    if old.get("type") != new.get("type") or old.get("collation") != new.get("collation"):
        if old.get("default") is not None:
            steps.append(Step("alter column", f"drop default of {after.label}", f"{alter} DROP DEFAULT"))
            same_default = False
        using = "" if _base(old["type"]) == _base(new["type"]) else f" USING {column}::{new['type']}"
        collate = f' COLLATE "{new["collation"]}"' if new.get("collation") else ""
        hazards = _type_hazards(old["type"], new["type"])
        sql = f"{alter} TYPE {new['type']}{collate}{using}"
        op = ops.alter_type(after, new["type"], using) if not collate else None
        steps.append(Step("alter column", f"change type of {after.label} to {new['type']}", sql, op, hazards))
    if not same_default:
        if new.get("default") is None:
            steps.append(
                Step(
                    "alter column",
                    f"drop default of {after.label}",
                    f"{alter} DROP DEFAULT",
                    ops.alter_default(after, None),
                )
            )
        else:
            sql = f"{alter} SET DEFAULT {new['default']}"
            steps.append(
                Step("alter column", f"default of {after.label}", sql, ops.alter_default(after, new["default"]))
            )
    if old.get("nullable") != new.get("nullable"):
        steps += _nullability(change, after, alter, new.get("nullable"))
    if old.get("identity") != new.get("identity"):
        steps.append(_identity(after, alter, old.get("identity"), new.get("identity")))
    return steps


def _nullability(change: Change, after: DbObject, alter: str, nullable: bool) -> list[Step]:
    if nullable:
        return [
            Step(
                "alter column",
                f"allow NULL in {after.label}",
                f"{alter} DROP NOT NULL",
                ops.alter_nullable(after, True),
            )
        ]
    if not change.online:
        return [
            Step(
                "alter column",
                f"require a value in {after.label}",
                f"{alter} SET NOT NULL",
                ops.alter_nullable(after, False),
                (LONG_LOCK,),
            )
        ]
    # Lock-light: a validated CHECK lets SET NOT NULL skip its scan of the table.
    table, column = change.table_name(after), change.names.ident(after.name)
    check = change.names.ident(f"{after.table}_{after.name}_not_null_check")
    sql = (
        f"ALTER TABLE {table} ADD CONSTRAINT {check} CHECK ({column} IS NOT NULL) NOT VALID;\n"
        f"ALTER TABLE {table} VALIDATE CONSTRAINT {check};\n"
        f"{alter} SET NOT NULL;\n"
        f"ALTER TABLE {table} DROP CONSTRAINT {check}"
    )
    return [Step("alter column", f"require a value in {after.label} (through a validated CHECK)", sql)]


def _identity(after: DbObject, alter: str, old: str | None, new: str | None) -> Step:
    kind = {"always": "ALWAYS", "by default": "BY DEFAULT"}
    if new is None:
        return Step("alter column", f"drop identity of {after.label}", f"{alter} DROP IDENTITY")
    if old is None:
        return Step("alter column", f"identity of {after.label}", f"{alter} ADD GENERATED {kind[new]} AS IDENTITY")
    return Step("alter column", f"identity of {after.label}", f"{alter} SET GENERATED {kind[new]}")


def _serial(attributes: dict) -> bool:
    return str(attributes.get("default") or "").startswith("nextval(")


def _serial_and_identity(change: Change, before: DbObject, after: DbObject) -> Step:
    """serial -> identity: the default and its sequence go, an identity with that sequence's name and options
    comes; identity -> serial: the identity goes, a sequence owned by the column and its default come."""
    table, column = change.table_name(after), change.names.ident(after.name)
    alter = f"ALTER TABLE {table} ALTER COLUMN {column}"
    old_sequence = _owned_sequence(change.before, before)
    new_sequence = _owned_sequence(change.after, after)
    if after.detail("identity"):
        kind = after.detail("identity").upper()
        options = (
            f" (SEQUENCE NAME {change.names.qualified(new_sequence.schema, new_sequence.name)}"
            f" {_sequence_options(new_sequence, typed=False)})"
            if new_sequence
            else ""
        )
        sql = [f"{alter} DROP DEFAULT"]
        if old_sequence is not None:
            sql.append(f"DROP SEQUENCE {change.names.qualified(old_sequence.schema, old_sequence.name)}")
        sql.append(f"{alter} ADD GENERATED {kind} AS IDENTITY{options}")
        return Step("alter column", f"make {after.label} an identity column", ";\n".join(sql))
    sql = [f"{alter} DROP IDENTITY"]
    if new_sequence is not None:
        name = change.names.qualified(new_sequence.schema, new_sequence.name)
        sql += [
            f"CREATE SEQUENCE {name} {_sequence_options(new_sequence)}",
            f"ALTER SEQUENCE {name} OWNED BY {table}.{column}",
        ]
    sql.append(f"{alter} SET DEFAULT {after.detail('default')}")
    return Step("alter column", f"make {after.label} a serial column", ";\n".join(sql))


def _owned_sequence(snapshot, column: DbObject) -> DbObject | None:
    owner = f"{column.table}.{column.name}"
    return next(
        (
            obj
            for obj in snapshot.objects
            if obj.kind == "sequence" and obj.schema == column.schema and obj.detail("owned_by") == owner
        ),
        None,
    )


def column_definition(change: Change, column: DbObject) -> str:
    """`name type [COLLATE] [GENERATED ...] [DEFAULT ...] [NOT NULL]`, from the catalog's rendering."""
    parts = [change.names.ident(column.name), column.detail("type")]
    if column.detail("collation"):
        parts.append(f'COLLATE "{column.detail("collation")}"')
    if column.detail("generated"):
        parts.append(f"GENERATED ALWAYS AS ({column.detail('generated')}) STORED")
    elif column.detail("identity"):
        parts.append(f"GENERATED {column.detail('identity').upper()} AS IDENTITY")
    elif column.detail("default") is not None:
        parts.append(f"DEFAULT {column.detail('default')}")
    if not column.detail("nullable"):
        parts.append("NOT NULL")
    return " ".join(parts)


def constraints(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("constraint"):
        steps += _add_constraint(change, obj)
    for obj in change.removed("constraint"):
        steps += _drop_constraint(change, obj)
    for before, after in change.changed("constraint"):
        if _only_options_differ(before, after):
            index = change.names.qualified(after.schema, after.name)
            steps += _storage(f"ALTER INDEX {index}", after.name, before.detail("options"), after.detail("options"))
        else:
            steps += _drop_constraint(change, before) + _add_constraint(change, after)
    return steps


def _only_options_differ(before: DbObject, after: DbObject) -> bool:
    """The index behind a key changes its storage parameters only (ALTER INDEX, no rebuild)."""
    return {**dict(before.attributes), "options": None} == {**dict(after.attributes), "options": None}


def _add_constraint(change: Change, obj: DbObject) -> list[Step]:
    kind, definition = obj.detail("type"), obj.detail("definition")
    table = change.table_name(obj)
    if kind == "not null":
        return _named_not_null(change, obj)
    existing = change.existing(obj.schema, obj.table)
    phase = "create foreign key" if kind == "foreign key" else "create constraint"
    name = change.names.ident(obj.name)
    hazards = (LONG_LOCK,) if existing else ()
    if change.online and existing and kind in ("foreign key", "check"):
        sql = (
            f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition} NOT VALID;\n"
            f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}"
        )
        return [Step(phase, f"add {kind} {obj.name} (NOT VALID, then validated)", sql)]
    op = ops.add_constraint(obj)
    if obj.detail("options"):  # the index behind the key, with its storage parameters
        tail = _INDEX_TAIL.search(definition)
        cut = tail.start() if tail else len(definition)
        definition, op = f"{definition[:cut]} WITH ({', '.join(obj.detail('options'))}){definition[cut:]}", None
    sql = f"ALTER TABLE {table} ADD CONSTRAINT {name} {definition}"
    return [Step(phase, f"add {kind} {obj.name}", sql, op, hazards)]


def _named_not_null(change: Change, obj: DbObject) -> list[Step]:
    """A NOT NULL constraint (PostgreSQL 18) follows its column; only a name other than the default needs a step."""
    found = _NOT_NULL_DEFAULT.match(obj.detail("definition") or "")
    column = found["column"].strip('"') if found else None
    if column is None:
        return []
    current = _not_null_name(change, obj, column)
    if obj.name == current:
        return []
    rename = f"RENAME CONSTRAINT {change.names.ident(current)} TO {change.names.ident(obj.name)}"
    sql = f"ALTER TABLE {change.table_name(obj)} {rename}"
    return [Step("create constraint", f"name the NOT NULL of {obj.table}.{column} {obj.name}", sql)]


def _not_null_name(change: Change, obj: DbObject, column: str) -> str:
    """The name the column's NOT NULL has before this step: a renamed column keeps its old constraint's name,
    any other gets PostgreSQL's default."""
    old_column = next(
        (
            old
            for (kind, schema, table, old), new in change.renames.items()
            if kind == "column" and (schema, table, new) == (obj.schema, obj.table, column)
        ),
        None,
    )
    for before in change.before.objects:
        if (
            before.kind == "constraint"
            and before.detail("type") == "not null"
            and (before.schema, before.table) == (obj.schema, obj.table)
        ):
            found = _NOT_NULL_DEFAULT.match(before.detail("definition") or "")
            if old_column and found and found["column"].strip('"') == old_column:
                return before.name
    return f"{obj.table}_{column}_not_null"


def _drop_constraint(change: Change, obj: DbObject) -> list[Step]:
    if obj.detail("type") == "not null" or (obj.schema, obj.table) not in change.tables_after:
        return []  # follows its column, or goes with its table
    phase = "drop foreign key" if obj.detail("type") == "foreign key" else "drop constraint"
    sql = f"ALTER TABLE {change.table_name(obj)} DROP CONSTRAINT {change.names.ident(obj.name)}"
    return [Step(phase, f"drop {obj.detail('type')} {obj.name}", sql, ops.drop_constraint(obj))]


def indexes(change: Change) -> list[Step]:
    steps = []
    for obj in change.removed("index"):
        steps += _drop_index(change, obj)
    for obj in change.added("index"):
        steps.append(_create_index(change, obj))
    for before, after in change.changed("index"):
        steps += _drop_index(change, before)
        steps.append(_create_index(change, after))
    return steps


def _create_index(change: Change, obj: DbObject) -> Step:
    definition = obj.detail("definition")
    existing = change.existing(obj.schema, obj.table)
    if change.online and existing:
        sql = definition.replace(" INDEX ", " INDEX CONCURRENTLY ", 1)
        return Step("create index", f"create index {obj.name} concurrently", sql, autocommit=True)
    hazards = (LONG_LOCK,) if existing else ()
    return Step("create index", f"create index {obj.name}", definition, ops.create_index(obj), hazards)


def _drop_index(change: Change, obj: DbObject) -> list[Step]:
    if (obj.schema, obj.table) not in change.tables_after:
        return []  # goes with its table
    sql = f"DROP INDEX {change.names.qualified(obj.schema, obj.name)}"
    return [Step("drop index", f"drop index {obj.name}", sql, ops.drop_index(obj))]


def sequences(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("sequence"):
        if obj.detail("ownership") == "identity":
            continue  # made by its identity column
        name = change.names.qualified(obj.schema, obj.name)
        steps.append(
            Step("create sequence", f"create sequence {obj.name}", f"CREATE SEQUENCE {name} {_sequence_options(obj)}")
        )
        if obj.detail("owned_by"):
            table, _, column = obj.detail("owned_by").partition(".")
            owner = f"{change.names.qualified(obj.schema, table)}.{change.names.ident(column)}"
            steps.append(
                Step(
                    "own sequence",
                    f"sequence {obj.name} owned by {obj.detail('owned_by')}",
                    f"ALTER SEQUENCE {name} OWNED BY {owner}",
                )
            )
    for obj in change.removed("sequence"):
        owner = obj.detail("owned_by")
        if obj.detail("ownership") == "identity" or (
            owner and obj.table and (obj.schema, obj.table) not in change.tables_after
        ):
            continue
        if owner and obj.detail("ownership") == "serial" and (obj.schema, obj.table) in change.tables_after:
            gone = change.columns(change.after, obj.schema, obj.table).keys()
            if owner.partition(".")[2] not in gone:
                continue  # dropped with its column
        steps.append(
            Step(
                "drop sequence",
                f"drop sequence {obj.name}",
                f"DROP SEQUENCE {change.names.qualified(obj.schema, obj.name)}",
            )
        )
    for before, after in change.changed("sequence"):
        if before.detail("ownership") != after.detail("ownership") and "identity" in (
            before.detail("ownership"),
            after.detail("ownership"),
        ):
            continue  # made with its column's change between serial and identity
        steps += _sequence_change(change, before, after)
    return steps


def _sequence_change(change: Change, before: DbObject, after: DbObject) -> list[Step]:
    """Persistence (SET LOGGED / UNLOGGED) and the numbering options, each only when it differs."""
    steps, name = [], change.names.qualified(after.schema, after.name)
    if before.detail("persistence") != after.detail("persistence"):
        logged = "SET UNLOGGED" if after.detail("persistence") == "unlogged" else "SET LOGGED"
        steps.append(Step("alter column", f"{logged.lower()} sequence {after.name}", f"ALTER SEQUENCE {name} {logged}"))
    numbering = ("type", "increment", "min", "max", "start", "cache", "cycle")
    if any(before.detail(option) != after.detail(option) for option in numbering):
        if after.detail("ownership") == "identity" and before.detail("ownership") == "identity":
            column = (after.detail("owned_by") or "").partition(".")[2]
            table = change.names.qualified(after.schema, (after.detail("owned_by") or "").partition(".")[0])
            sql = (
                f"ALTER TABLE {table} ALTER COLUMN {change.names.ident(column)} {_sequence_options(after, alter=True)}"
            )
        else:
            sql = f"ALTER SEQUENCE {name} {_sequence_options(after, alter=True)}"
        steps.append(Step("alter column", f"options of sequence {after.name}", sql))
    return steps


def _sequence_options(obj: DbObject, *, alter: bool = False, typed: bool = True) -> str:
    """The sequence's options as CREATE/ALTER SEQUENCE (or an identity's ALTER COLUMN SET ...) writes them;
    untyped inside an identity's parentheses, whose type is its column's."""
    parts = [] if alter or not typed else [f"AS {obj.detail('type')}"]
    set_ = "SET " if alter and obj.detail("ownership") == "identity" else ""
    parts += [
        f"{set_}INCREMENT BY {obj.detail('increment')}",
        f"{set_}MINVALUE {obj.detail('min')}",
        f"{set_}MAXVALUE {obj.detail('max')}",
        f"{set_}START WITH {obj.detail('start')}",
        f"{set_}CACHE {obj.detail('cache')}",
        f"{set_}{'CYCLE' if obj.detail('cycle') else 'NO CYCLE'}",
    ]
    return " ".join(parts)


def _partition_clause(obj: DbObject) -> str:
    if obj.detail("partition_key"):
        return f" PARTITION BY {obj.detail('partition_key')}"
    return ""


def _in_order(columns) -> list[DbObject]:
    """Columns as the catalog numbered them (kept in the details as `position` when known), else by name."""
    return sorted(columns, key=lambda column: (column.detail("position") or 0, column.name))


def _default(attributes: dict) -> object:
    return attributes.get("default_value") if attributes.get("default_value") is not None else attributes.get("default")


def _base(type_: str) -> str:
    return re.sub(r"\(.*?\)", "", type_).strip()


def _type_hazards(old: str, new: str) -> tuple[str, ...]:
    """A type change rewrites the table unless it only widens; narrowing may lose data."""
    old_base, new_base = _base(old), _base(new)
    old_size, new_size = _size(old), _size(new)
    if old_base == new_base and (new_size is None or (old_size is not None and new_size >= old_size)):
        return ()
    if (old_base, new_base) in _WIDENS:
        return ()
    narrower = old_base == new_base and new_size is not None and (old_size is None or new_size < old_size)
    return (
        (REWRITE, DATA_LOSS)
        if narrower or (old_base, new_base) in {("bigint", "integer"), ("text", "character varying")}
        else (REWRITE,)
    )


def _size(type_: str) -> int | None:
    found = re.search(r"\((\d+)", type_)
    return int(found[1]) if found else None
