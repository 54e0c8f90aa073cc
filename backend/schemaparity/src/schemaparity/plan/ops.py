"""Alembic operations for the steps that have one (`op.add_column`, `op.create_index`, ...).

Each function returns the Python source of one call, or None when no operation says
exactly what the SQL says (an expression index, a type SQLAlchemy does not name, an
identity column): the revision then writes `op.execute()` with the SQL, which the proof
checks the same way. Names are wrapped in `op.f()`: a project's naming convention must
not rewrite them.
"""

from __future__ import annotations

import re

from schemaparity.snapshot import DbObject

_SIMPLE_TYPES = {
    "integer": "sa.Integer()",
    "bigint": "sa.BigInteger()",
    "smallint": "sa.SmallInteger()",
    "text": "sa.Text()",
    "boolean": "sa.Boolean()",
    "real": "sa.REAL()",
    "double precision": "sa.Double()",
    "uuid": "sa.Uuid()",
    "date": "sa.Date()",
    "timestamp with time zone": "sa.DateTime(timezone=True)",
    "timestamp without time zone": "sa.DateTime()",
    "time without time zone": "sa.Time()",
    "interval": "sa.Interval()",
    "jsonb": "postgresql.JSONB()",
    "json": "sa.JSON()",
    "bytea": "sa.LargeBinary()",
    "inet": "postgresql.INET()",
    "numeric": "sa.Numeric()",
    "character varying": "sa.String()",
}
_SIZED = {
    "character varying": "sa.String({})",
    "character": "sa.CHAR({})",
    "numeric": "sa.Numeric({})",
}
_SIZED_TYPE = re.compile(r"^(?P<base>[a-z ]+)\((?P<args>\d+(?:,\s*\d+)?)\)$")
_SIMPLE_INDEX = re.compile(
    r"^CREATE (?P<unique>UNIQUE )?INDEX (?P<name>\S+) ON (?:ONLY )?\S+ USING btree "
    r"\((?P<columns>[a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*)*)\)$"
)
# A key of plain columns and nothing else (no INCLUDE, WITH or USING INDEX TABLESPACE: those stay SQL).
_KEY_COLUMNS = re.compile(r"^(?:UNIQUE|PRIMARY KEY) \(([^()]*)\)$")
_FOREIGN_KEY = re.compile(
    r"^FOREIGN KEY \((?P<local>[^)]*)\) REFERENCES (?P<table>[\w.\"]+)\((?P<remote>[^)]*)\)(?P<rest>.*)$"
)
_PLAIN = re.compile(r"^[a-z_][a-z0-9_]*$")


def sa_type(type_: str, enums: set[str] | None = None) -> str | None:
    """SQLAlchemy's spelling of a PostgreSQL type as `format_type` renders it, or None when it has none."""
    if type_ in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[type_]
    found = _SIZED_TYPE.match(type_)
    if found and found["base"] in _SIZED:
        return _SIZED[found["base"]].format(found["args"].replace(" ", ""))
    if type_.endswith("[]"):
        inner = sa_type(type_[:-2], enums)
        return f"postgresql.ARRAY({inner})" if inner else None
    if enums and type_ in enums:
        return f"postgresql.ENUM(name={type_!r}, create_type=False)"
    return None


def column(change, obj: DbObject) -> str | None:
    """`sa.Column(...)` for a column, or None when its type or identity has no plain spelling."""
    type_ = sa_type(obj.detail("type"), change.enum_names())
    if type_ is None or obj.detail("identity") or obj.detail("generated") or obj.detail("collation"):
        return None
    parts = [repr(obj.name), type_]
    if obj.detail("default") is not None:
        parts.append(f"server_default=sa.text({obj.detail('default')!r})")
    parts.append(f"nullable={bool(obj.detail('nullable'))}")
    return f"sa.Column({', '.join(parts)})"


def add_column(change, obj: DbObject) -> str | None:
    spelled = column(change, obj)
    return f"op.add_column({obj.table!r}, {spelled}{_schema(obj)})" if spelled else None


def drop_column(obj: DbObject) -> str:
    return f"op.drop_column({obj.table!r}, {obj.name!r}{_schema(obj)})"


def create_table(change, obj: DbObject, columns: dict[str, DbObject]) -> str | None:
    if obj.detail("persistence") == "unlogged" or obj.detail("partition_key") or obj.detail("partition_of"):
        return None
    spelled = [
        column(change, item) for item in sorted(columns.values(), key=lambda c: (c.detail("position") or 0, c.name))
    ]
    if not spelled or None in spelled:
        return None
    inner = "".join(f"\n        {item}," for item in spelled)
    return f"op.create_table(\n        {obj.table!r},{inner}{_schema(obj, trailing=True)}\n    )"


def drop_table(obj: DbObject) -> str:
    return f"op.drop_table({obj.table!r}{_schema(obj)})"


def create_index(obj: DbObject) -> str | None:
    found = _SIMPLE_INDEX.match(obj.detail("definition") or "")
    if not found or found["name"] != obj.name:
        return None
    columns = [name.strip() for name in found["columns"].split(",")]
    unique = ", unique=True" if found["unique"] else ""
    return f"op.create_index(op.f({obj.name!r}), {obj.table!r}, {columns!r}{unique}{_schema(obj)})"


def drop_index(obj: DbObject) -> str:
    return f"op.drop_index(op.f({obj.name!r}), table_name={obj.table!r}{_schema(obj)})"


def add_constraint(obj: DbObject) -> str | None:
    kind, definition = obj.detail("type"), obj.detail("definition") or ""
    name, table = f"op.f({obj.name!r})", repr(obj.table)
    if kind == "check" and definition.startswith("CHECK (") and definition.endswith(")"):
        return f"op.create_check_constraint({name}, {table}, {definition[len('CHECK (') : -1]!r}{_schema(obj)})"
    columns = _column_list(definition)
    if kind == "unique" and definition.startswith("UNIQUE (") and columns:
        return f"op.create_unique_constraint({name}, {table}, {columns!r}{_schema(obj)})"
    if kind == "primary key" and definition.startswith("PRIMARY KEY (") and columns:
        return f"op.create_primary_key({name}, {table}, {columns!r}{_schema(obj)})"
    if kind == "foreign key":
        return _foreign_key(obj, definition)
    return None


def _foreign_key(obj: DbObject, definition: str) -> str | None:
    found = _FOREIGN_KEY.match(definition)
    if not found or obj.schema not in (None, "public"):
        return None
    local, remote = _names(found["local"]), _names(found["remote"])
    target, rest = found["table"], found["rest"].strip()
    if None in (local, remote) or not _PLAIN.match(target):
        return None
    options = []
    for clause, keyword in (("ON DELETE ", "ondelete"), ("ON UPDATE ", "onupdate")):
        action = re.search(rf"{clause}(SET NULL|SET DEFAULT|CASCADE|RESTRICT|NO ACTION)", rest)
        if action:
            options.append(f"{keyword}={action[1]!r}")
            rest = rest.replace(f"{clause}{action[1]}", "").strip()
    if "DEFERRABLE" in rest:
        options.append("deferrable=True")
        if "INITIALLY DEFERRED" in rest:
            options.append("initially='DEFERRED'")
        rest = rest.replace("INITIALLY DEFERRED", "").replace("NOT DEFERRABLE", "").replace("DEFERRABLE", "").strip()
    if rest:
        return None  # MATCH FULL, NOT VALID, ...: the SQL says it exactly
    extra = "".join(f", {option}" for option in options)
    return f"op.create_foreign_key(op.f({obj.name!r}), {obj.table!r}, {target!r}, {local!r}, {remote!r}{extra})"


def drop_constraint(obj: DbObject) -> str | None:
    type_ = {"check": "check", "unique": "unique", "foreign key": "foreignkey", "primary key": "primary"}.get(
        obj.detail("type")
    )
    if type_ is None:
        return None
    return f"op.drop_constraint(op.f({obj.name!r}), {obj.table!r}, type_={type_!r}{_schema(obj)})"


def alter_nullable(obj: DbObject, nullable: bool) -> str:
    return f"op.alter_column({obj.table!r}, {obj.name!r}, nullable={nullable}{_schema(obj)})"


def alter_default(obj: DbObject, default: str | None) -> str:
    value = f"sa.text({default!r})" if default is not None else "None"
    return f"op.alter_column({obj.table!r}, {obj.name!r}, server_default={value}{_schema(obj)})"


def alter_type(obj: DbObject, type_: str, using: str) -> str | None:
    spelled = sa_type(type_)
    if spelled is None:
        return None
    using_clause = f", postgresql_using={using.removeprefix(' USING ')!r}" if using else ""
    return f"op.alter_column({obj.table!r}, {obj.name!r}, type_={spelled}{using_clause}{_schema(obj)})"


def _column_list(definition: str) -> list[str] | None:
    found = _KEY_COLUMNS.match(definition)
    return _names(found[1]) if found else None


def _names(text: str) -> list[str] | None:
    names = [name.strip() for name in text.split(",")]
    return names if all(_PLAIN.match(name) for name in names) else None


def _schema(obj: DbObject, *, trailing: bool = False) -> str:
    if obj.schema in (None, "public"):
        return ""
    return f"\n        schema={obj.schema!r}," if trailing else f", schema={obj.schema!r}"
