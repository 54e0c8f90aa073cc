"""Schemas, extensions, types, functions, views, triggers, policies, privileges and comments."""

from __future__ import annotations

import re

from schemaparity.plan.change import Change
from schemaparity.plan.names import literal
from schemaparity.plan.steps import DATA_LOSS, REWRITE, Step
from schemaparity.snapshot import DbObject

_COMMENT_TARGETS = {"table": "TABLE", "view": "VIEW", "column": "COLUMN", "sequence": "SEQUENCE", "index": "INDEX",
                    "function": "FUNCTION", "type": "TYPE"}  # fmt: skip


def schemas_and_extensions(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("schema"):
        steps.append(
            Step("create schema", f"create schema {obj.name}", f"CREATE SCHEMA {change.names.ident(obj.name)}")
        )
    for obj in change.removed("schema"):
        steps.append(Step("drop schema", f"drop schema {obj.name}", f"DROP SCHEMA {change.names.ident(obj.name)}"))
    for obj in change.added("extension"):
        where = obj.detail("schema")
        schema = f" SCHEMA {change.names.ident(where)}" if where and where != "public" else ""
        steps.append(
            Step(
                "create extension",
                f"create extension {obj.name}",
                f"CREATE EXTENSION {change.names.ident(obj.name)}{schema}",
            )
        )
    for obj in change.removed("extension"):
        steps.append(
            Step("drop extension", f"drop extension {obj.name}", f"DROP EXTENSION {change.names.ident(obj.name)}")
        )
    return steps


def enums(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("enum"):
        labels = ", ".join(literal(label) for label in obj.detail("labels"))
        name = change.names.qualified(obj.schema, obj.name)
        steps.append(Step("create enum", f"create type {obj.name}", f"CREATE TYPE {name} AS ENUM ({labels})"))
    for obj in change.removed("enum"):
        steps.append(
            Step("drop enum", f"drop type {obj.name}", f"DROP TYPE {change.names.qualified(obj.schema, obj.name)}")
        )
    for before, after in change.changed("enum"):
        old, new = list(before.detail("labels")), list(after.detail("labels"))
        if [label for label in new if label in old] == old:
            steps += _added_labels(change, after, old, new)
        else:
            steps += _recreated_enum(change, after, old, new)
    return steps


def _added_labels(change: Change, enum: DbObject, old: list[str], new: list[str]) -> list[Step]:
    """New labels in place (`ADD VALUE ... BEFORE/AFTER`), each outside the revision's transaction."""
    name, steps, placed = change.names.qualified(enum.schema, enum.name), [], list(old)
    for index, label in enumerate(new):
        if label in placed:
            continue
        following = next((other for other in new[index + 1 :] if other in placed), None)
        where = f" BEFORE {literal(following)}" if following else (f" AFTER {literal(new[index - 1])}" if index else "")
        placed.insert(placed.index(following) if following else len(placed), label)
        sql = f"ALTER TYPE {name} ADD VALUE {literal(label)}{where}"
        steps.append(Step("create enum", f"add label {label!r} to {enum.name}", sql, autocommit=True))
    return steps


def _recreated_enum(change: Change, enum: DbObject, old: list[str], new: list[str]) -> list[Step]:
    """Labels removed or reordered: a new type, every column cast to it through text, the old type dropped."""
    labels = ", ".join(literal(label) for label in new)
    create = f"CREATE TYPE {change.names.qualified(enum.schema, enum.name)} AS ENUM ({labels})"
    lost = [label for label in old if label not in new]
    hazards = (REWRITE, DATA_LOSS) if lost else (REWRITE,)
    summary = f"recreate type {enum.name} ({'without ' + ', '.join(lost) if lost else 'labels reordered'})"
    return [Step("recreate enum", summary, _recreated_type(change, enum, create, "::text"), hazards=hazards)]


def _recreated_type(change: Change, type_: DbObject, create: str, via: str) -> str:
    """The old type renamed out of the way, the new one created, every column of it cast across
    (`via` an intermediate type when no direct cast exists), the old type dropped."""
    names = change.names
    old_name = names.qualified(type_.schema, f"{type_.name}__old")
    lines = [
        f"ALTER TYPE {names.qualified(type_.schema, type_.name)} RENAME TO {names.ident(type_.name + '__old')}",
        create,
    ]
    for column in sorted(change.after.objects, key=lambda obj: obj.sort_key):
        if column.kind != "column" or column.detail("type") not in (type_.name, f"{type_.name}[]"):
            continue
        table, ident = change.table_name(column), names.ident(column.name)
        if column.detail("default") is not None:
            lines.append(f"ALTER TABLE {table} ALTER COLUMN {ident} DROP DEFAULT")
        cast = f"{ident}{via}::{column.detail('type')}"
        lines.append(f"ALTER TABLE {table} ALTER COLUMN {ident} TYPE {column.detail('type')} USING {cast}")
        if column.detail("default") is not None:
            lines.append(f"ALTER TABLE {table} ALTER COLUMN {ident} SET DEFAULT {column.detail('default')}")
    lines.append(f"DROP TYPE {old_name}")
    return ";\n".join(lines)


def domains_and_composites(change: Change) -> list[Step]:
    """Created, dropped, or made again through a new type and a cast (a domain casts directly, a
    composite through text)."""
    steps = []
    for kind, word, make, via in (
        ("domain", "DOMAIN", _domain_sql, ""),
        ("composite", "TYPE", _composite_sql, "::text"),
    ):
        label = "domain" if kind == "domain" else "type"
        for obj in change.added(kind):
            steps.append(Step("create enum", f"create {label} {obj.name}", make(change, obj)))
        for obj in change.removed(kind):
            sql = f"DROP {word} {change.names.qualified(obj.schema, obj.name)}"
            steps.append(Step("drop enum", f"drop {label} {obj.name}", sql))
        for _, after in change.changed(kind):
            sql = _recreated_type(change, after, make(change, after), via)
            steps.append(Step("recreate enum", f"recreate {label} {after.name}", sql, hazards=(REWRITE,)))
    return steps


def _domain_sql(change: Change, obj: DbObject) -> str:
    parts = [f"CREATE DOMAIN {change.names.qualified(obj.schema, obj.name)} AS {obj.detail('type')}"]
    if obj.detail("collation"):
        parts.append(f'COLLATE "{obj.detail("collation")}"')
    if obj.detail("default") is not None:
        parts.append(f"DEFAULT {obj.detail('default')}")
    if obj.detail("nullable") is False:
        parts.append("NOT NULL")
    for constraint in obj.detail("constraints") or ():
        name, _, definition = str(constraint).partition(" ")
        parts.append(f"CONSTRAINT {change.names.ident(name)} {definition}")
    return " ".join(parts)


def _composite_sql(change: Change, obj: DbObject) -> str:
    attributes = ", ".join(str(attribute) for attribute in obj.detail("attributes") or ())
    return f"CREATE TYPE {change.names.qualified(obj.schema, obj.name)} AS ({attributes})"


def functions(change: Change) -> list[Step]:
    steps = []
    for obj in change.added("function"):
        steps.append(Step("create function", f"create function {obj.name}", obj.detail("definition").rstrip()))
    for _, after in change.changed("function"):
        steps.append(Step("create function", f"replace function {after.name}", after.detail("definition").rstrip()))
    for obj in change.removed("function"):
        name, _, arguments = obj.name.partition("(")
        sql = f"DROP {obj.detail('kind').upper()} {change.names.qualified(obj.schema, name)}({arguments}"
        steps.append(Step("drop function", f"drop function {obj.name}", sql))
    return steps


def views(change: Change, recreated: set[tuple]) -> list[Step]:
    """Views added, removed or changed, and those `recreated` because what they read changes."""
    before, after = change.of_kind("view")
    steps = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: tuple(part or "" for part in k)):
        old, new = before.get(key), after.get(key)
        if old is not None and (new is None or old.details != new.details or key in recreated):
            steps.append(
                Step(
                    "drop view",
                    f"drop view {old.name}",
                    f"DROP {_view_kind(old)} {change.names.qualified(old.schema, old.name)}",
                )
            )
        if new is not None and (old is None or old.details != new.details or key in recreated):
            options = f" WITH ({', '.join(new.detail('options'))})" if new.detail("options") else ""
            definition = new.detail("definition").rstrip().rstrip(";")
            sql = f"CREATE {_view_kind(new)} {change.names.qualified(new.schema, new.name)}{options} AS\n{definition}"
            steps.append(Step("create view", f"create view {new.name}", sql))
    return steps


def reading(change: Change, columns: set[tuple]) -> set[tuple]:
    """The views (before) that read one of `columns` (schema, table, column; column None: the whole table),
    as their definition names them: a view that names the table but not the column keeps working."""
    found = set()
    for key, obj in change.of_kind("view")[0].items():
        text = obj.detail("definition") or ""
        for _, table, column in columns:
            if _names(text, table) and (column is None or _names(text, column)):
                found.add(key)
    return found


def _names(text: str, name: str) -> bool:
    return re.search(rf'(?<![\w"]){re.escape(name)}(?![\w"])|"{re.escape(name)}"', text) is not None


def _view_kind(obj: DbObject) -> str:
    return "MATERIALIZED VIEW" if obj.detail("kind") == "materialized view" else "VIEW"


def triggers(change: Change) -> list[Step]:
    steps = []
    before, after = change.of_kind("trigger")
    for key in sorted(before.keys() | after.keys(), key=lambda k: tuple(part or "" for part in k)):
        old, new = before.get(key), after.get(key)
        if old is not None and (old.schema, old.table) not in change.tables_after:
            continue  # goes with its table
        if old is not None and (new is None or old.detail("definition") != new.detail("definition")):
            sql = f"DROP TRIGGER {change.names.ident(old.name)} ON {change.table_name(old)}"
            steps.append(Step("drop trigger", f"drop trigger {old.name}", sql))
            old = None
        if new is not None and old is None:
            steps.append(Step("create trigger", f"create trigger {new.name}", new.detail("definition")))
        if (
            new is not None
            and new.detail("enabled") not in (None, "origin")
            and (old is None or old.detail("enabled") != new.detail("enabled"))
        ):
            state = {"disabled": "DISABLE", "replica": "ENABLE REPLICA", "always": "ENABLE ALWAYS"}[
                new.detail("enabled")
            ]
            sql = f"ALTER TABLE {change.table_name(new)} {state} TRIGGER {change.names.ident(new.name)}"
            steps.append(Step("create trigger", f"{state.lower()} trigger {new.name}", sql))
    return steps


def policies(change: Change) -> list[Step]:
    steps = []
    for obj in change.removed("policy"):
        steps.append(
            Step(
                "drop constraint",
                f"drop policy {obj.name}",
                f"DROP POLICY {change.names.ident(obj.name)} ON {change.table_name(obj)}",
            )
        )
    for obj in change.added("policy"):
        steps.append(Step("create trigger", f"create policy {obj.name}", _policy_sql(change, obj)))
    for before, after in change.changed("policy"):
        drop = f"DROP POLICY {change.names.ident(before.name)} ON {change.table_name(before)}"
        steps.append(Step("create trigger", f"recreate policy {after.name}", f"{drop};\n{_policy_sql(change, after)}"))
    return steps


def _policy_sql(change: Change, obj: DbObject) -> str:
    parts = [f"CREATE POLICY {change.names.ident(obj.name)} ON {change.table_name(obj)}"]
    parts.append(f"AS {str(obj.detail('as')).upper()}")
    parts.append(f"FOR {obj.detail('command')}")
    roles = [role if role == "PUBLIC" else change.names.ident(role) for role in obj.detail("roles") or ("PUBLIC",)]
    parts.append(f"TO {', '.join(roles)}")
    if obj.detail("using"):
        parts.append(f"USING ({obj.detail('using')})")
    if obj.detail("with_check"):
        parts.append(f"WITH CHECK ({obj.detail('with_check')})")
    return " ".join(parts)


def privileges(change: Change) -> list[Step]:
    steps = []
    for obj in change.removed("privilege"):
        steps.append(Step("drop trigger", f"revoke {obj.name}", _revoke(obj)))
    for obj in change.added("privilege"):
        steps.append(Step("create trigger", f"grant {obj.name}", _grants(obj)))
    for before, after in change.changed("privilege"):
        steps.append(Step("create trigger", f"grants {after.name}", f"{_revoke(before)};\n{_grants(after)}"))
    return steps


def _grants(obj: DbObject) -> str:
    return ";\n".join(str(line) for line in _lines(obj.detail("definition")))


def _revoke(obj: DbObject) -> str:
    revokes = []
    for line in _lines(obj.detail("definition")):
        text = str(line).removesuffix(" WITH GRANT OPTION")
        revokes.append(re.sub(r"^GRANT (.*) TO ", r"REVOKE \1 FROM ", text))
    return ";\n".join(dict.fromkeys(revokes))


def _lines(value) -> list[str]:
    """The GRANT statements of a privilege's definition (one string, `; `-separated)."""
    items = value if isinstance(value, tuple) else (value,)
    return [part.strip() for item in items for part in str(item).split("; ") if part.strip()]


def comments(change: Change, recreated: set[tuple]) -> list[Step]:
    """Comments added, changed or removed, and those of recreated views (a new view has none)."""
    before, after = change.of_kind("comment")
    steps = []
    for key in sorted(before.keys() | after.keys(), key=lambda k: tuple(part or "" for part in k)):
        old, new = before.get(key), after.get(key)
        reissue = new is not None and any(key[3] == f"view {view[3]}" and key[1] == view[1] for view in recreated)
        if old is not None and new is not None and old.details == new.details and not reissue:
            continue
        target = _comment_target(change, (new or old))
        if target is None or (new is None and _gone(change, old)):
            continue  # a removed comment whose object is dropped goes with it
        text = literal(new.detail("text")) if new is not None else "NULL"
        steps.append(Step("comment", f"comment on {(new or old).name}", f"COMMENT ON {target} IS {text}"))
    return steps


def _gone(change: Change, comment: DbObject) -> bool:
    """The object `comment` is on is not in the SQL file's schema (it is dropped, and its comment with it)."""
    what, _, target = comment.name.partition(" ")
    if what == "column":
        table, _, column = target.partition(".")
        return column not in change.columns(change.after, comment.schema, table)
    kinds = {"table": ("table",), "view": ("view",), "type": ("enum", "domain", "composite")}.get(what, (what,))
    return not any(
        obj.kind in kinds and obj.schema == comment.schema and obj.name == target for obj in change.after.objects
    )


def _comment_target(change: Change, obj: DbObject) -> str | None:
    what, _, target = obj.name.partition(" ")
    keyword = _COMMENT_TARGETS.get(what)
    if keyword is None:
        return None
    if what == "column":
        table, _, column = target.partition(".")
        return f"COLUMN {change.names.qualified(obj.schema, table)}.{change.names.ident(column)}"
    if what == "function":
        name, _, arguments = target.partition("(")
        return f"FUNCTION {change.names.qualified(obj.schema, name)}({arguments}"
    if what == "view":
        kind = change.after.by_key.get(("view", obj.schema, target, target)) or change.before.by_key.get(
            ("view", obj.schema, target, target)
        )
        keyword = _view_kind(kind) if kind is not None else "VIEW"
    return f"{keyword} {change.names.qualified(obj.schema, target)}"
