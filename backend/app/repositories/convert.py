"""The one place where Pydantic meets the ORM: `XCreate`/`XUpdate` in, `XRead` out.

Write schemas dump by alias, so `MediaFileCreate.metadata` becomes the ORM attribute
`metadata_`; an update carries only the fields the caller set (`exclude_unset`), so a
left-out field keeps its stored value and an explicit null clears a nullable one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlalchemy import inspect

R = TypeVar("R", bound=BaseModel)


def create_values(model: type, data: BaseModel) -> dict[str, Any]:
    """Insert values keyed by ORM attribute; a field that is no column of `model` is a bug, said plainly."""
    values = data.model_dump(by_alias=True)
    unknown = set(values) - set(inspect(model).column_attrs.keys())
    if unknown:
        raise TypeError(f"{type(data).__name__} has fields that are no columns of {model.__name__}: {sorted(unknown)}")
    return values


def update_values(data: BaseModel) -> dict[str, Any]:
    """Only the fields the caller set, keyed by ORM attribute."""
    return data.model_dump(exclude_unset=True, by_alias=True)


def row_values(data: BaseModel, columns: Sequence[str]) -> tuple:
    """One row for COPY, in `columns` order (attribute access: no dict per row)."""
    return tuple(getattr(data, column) for column in columns)


def to_read(schema: type[R], row: object) -> R:
    """An ORM object or a result row (labels as field names) as its read schema."""
    return schema.model_validate(row)


def to_reads(schema: type[R], rows: Iterable[object]) -> list[R]:
    return [schema.model_validate(row) for row in rows]
