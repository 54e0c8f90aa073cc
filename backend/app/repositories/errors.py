"""Typed errors for people: which object, which field, what the database refused.

A unique, foreign-key, check or not-null violation reaches the caller as `AlreadyExists`,
`NotFound` or `Invalid`, found by the constraint's name in the models' metadata (the
names are part of the schema, the same in init_db.sql, the models and the migrations).
An endpoint maps them to 409, 404 and 422; nobody handles a raw IntegrityError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import psycopg
import psycopg2
from sqlalchemy import CheckConstraint, Column, ForeignKeyConstraint, Table
from sqlalchemy.exc import IntegrityError

INTEGRITY_ERRORS = (IntegrityError, psycopg2.IntegrityError, psycopg.IntegrityError)
UNIQUE, FOREIGN_KEY, CHECK, NOT_NULL = "23505", "23503", "23514", "23502"
_KEY_DETAIL = re.compile(r"^Key \((?P<columns>.*)\)=\((?P<values>.*)\) (?:already exists|is not present)")


class RepositoryError(Exception):
    """Base of the data layer's expected failures; `entity` and `field` say where."""

    def __init__(self, message: str, *, entity: str, field: str | None = None):
        super().__init__(message)
        self.entity = entity
        self.field = field


class NotFound(RepositoryError):
    def __init__(self, entity: str, key: object, *, field: str | None = None):
        super().__init__(f"{entity} {key} not found", entity=entity, field=field)
        self.key = key


class AlreadyExists(RepositoryError):
    def __init__(self, entity: str, values: Mapping[str, object]):
        fields = list(values)
        if fields == ["name"]:
            message = f"{entity} {values['name']!r} exists"
        else:
            message = f"{entity} with {', '.join(f'{f}={v!r}' for f, v in values.items())} exists"
        super().__init__(message, entity=entity, field=", ".join(fields))
        self.values = dict(values)


class Invalid(RepositoryError):
    """A value the schema refuses (a CHECK, NOT NULL), or a request that makes no sense."""


def entity_name(table: str) -> str:
    """`media_file` → `media file`: how messages name a table's rows."""
    return table.replace("_", " ")


def translate(error: Exception) -> RepositoryError:
    """The typed error for an integrity violation (SQLAlchemy's wrapper or either driver's own)."""
    driver_error = getattr(error, "orig", error)
    params = getattr(error, "params", None)
    diag = driver_error.diag
    table = diag.table_name or ""
    entity = entity_name(table)
    found = _constraints().get(diag.constraint_name or "")
    columns = _columns_named(found[0], found[1]) if found else []
    detail = diag.message_detail or ""
    if diag.sqlstate == UNIQUE:
        return AlreadyExists(entity, _values(columns, params, detail))
    if diag.sqlstate == FOREIGN_KEY and "is still referenced" in detail:
        return Invalid(f"{entity}: {detail}", entity=entity)
    if diag.sqlstate == FOREIGN_KEY and found:
        field = columns[0]
        parent = entity_name(found[1].referred_table.name)
        return NotFound(parent, _values([field], params, detail)[field], field=field)
    if diag.sqlstate == CHECK and found:
        rule = found[1].sqltext
        return Invalid(f"{entity} {', '.join(columns)} must satisfy {rule}", entity=entity, field=columns[0])
    if diag.sqlstate == NOT_NULL:
        return Invalid(f"{entity} {diag.column_name} may not be null", entity=entity, field=diag.column_name)
    return Invalid(f"{entity}: {diag.message_primary}", entity=entity)


@lru_cache
def _constraints() -> dict[str, tuple[Table, Any]]:
    """Every named constraint and index of the models: name → (table, constraint or index)."""
    from app.models import Base

    found: dict[str, tuple[Table, Any]] = {}
    for table in Base.metadata.tables.values():
        for item in (*table.constraints, *table.indexes):
            found[str(item.name)] = (table, item)
    return found


def _columns_named(table: Table, item: Any) -> list[str]:
    """The columns a constraint or index is on, expressions (`lower(name)`, CHECKs) included."""
    if isinstance(item, CheckConstraint):
        expressions = [item.sqltext]
    elif isinstance(item, ForeignKeyConstraint):
        expressions = list(item.columns)
    else:
        expressions = list(getattr(item, "expressions", None) or item.columns)
    names: list[str] = []
    for expression in expressions:
        words = [expression.name] if isinstance(expression, Column) else re.findall(r"\w+", str(expression))
        names += [word for word in words if word in table.c]
    return list(dict.fromkeys(names))


def _values(columns: list[str], params: object, detail: str) -> dict[str, object]:
    """Each column's offending value: as the caller gave it when the statement's parameters have it
    (`'Meeting'`, not the index's `meeting`), else as PostgreSQL's detail line shows it."""
    given = params if isinstance(params, Mapping) else {}
    match = _KEY_DETAIL.match(detail)
    columns = columns or ([match["columns"]] if match else [])
    shown = match["values"].split(", ") if match else []
    if len(shown) != len(columns):
        shown = [match["values"] if match else "?"] * len(columns)
    return {column: given.get(column, value) for column, value in zip(columns, shown, strict=True)}
